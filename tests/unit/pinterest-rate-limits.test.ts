import { describe, expect, it } from 'vitest'
import { rateLimitsFor, writesPerMinuteFromEnv } from '../../src/main/pinterest/rate-limits'

describe('PINLOAD_WRITES_PER_MINUTE', () => {
  const parse = (v: string | undefined) => writesPerMinuteFromEnv({ PINLOAD_WRITES_PER_MINUTE: v })

  it('unset or empty leaves the setting in force; a whole number from 1 to 1000 replaces it', () => {
    expect(parse(undefined)).toBeUndefined()
    expect(parse('  ')).toBeUndefined()
    expect(parse('1')).toBe(1)
    expect(parse(' 40 ')).toBe(40)
    expect(parse('1000')).toBe(1000)
  })

  it.each(['0', '1001', '-5', '12.5', '50.0', '1e2', '0x10', '0b11', 'fast', '40/min'])(
    'refuses "%s", naming the variable',
    (v) => {
      expect(() => parse(v)).toThrow(
        `PINLOAD_WRITES_PER_MINUTE must be a whole number from 1 to 1000, not "${v}".`,
      )
    },
  )
})

describe('rateLimitsFor', () => {
  it('writes per minute replace Standard’s 100 and leave Trial’s day alone', () => {
    expect(rateLimitsFor('standard', 40).org_write).toEqual({ perWindow: 40, windowMs: 60_000 })
    expect(rateLimitsFor('standard').org_write).toEqual({ perWindow: 100, windowMs: 60_000 })
    expect(rateLimitsFor('trial', 40).org_write).toEqual({ perWindow: 300, windowMs: 86_400_000 })
  })
})
