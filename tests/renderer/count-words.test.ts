import { describe, expect, it } from 'vitest'
import { formatBadgeCount, needYou } from '../../src/renderer/src/lib/format'

describe('counts in words', () => {
  it('"1 needs you", "2 need you", with thousands grouped', () => {
    expect([needYou(1), needYou(2), needYou(1234)]).toEqual(['1 needs you', '2 need you', '1,234 need you'])
  })

  it('a badge keeps up to four digits whole and shortens larger counts', () => {
    expect([9_999, 10_000, 12_345, 1_250_000].map(formatBadgeCount)).toEqual([
      '9,999',
      '10K',
      '12.3K',
      '1.3M',
    ])
  })
})
