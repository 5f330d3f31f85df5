import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger, redact } from '../../src/main/logging/logger'

describe('redact', () => {
  it.each([
    ['pina_AbC123.def-ghi', 'pina'],
    ['pinr.XyZ_987-abc', 'pinr'],
    ['Authorization: Bearer abc.def-123', 'abc.def-123'],
    ['Authorization: Basic dGVzdDpzZWNyZXQ=', 'dGVzdDpzZWNyZXQ='],
    ['grant_type=refresh_token&refresh_token=r3fr3sh&x=1', 'r3fr3sh'],
    ['{"access_token":"tok-123","expires_in":30}', 'tok-123'],
    ['client_secret=s3cr3t', 's3cr3t'],
  ])('removes the secret from %s', (input, secret) => {
    const out = redact(input)
    expect(out).not.toContain(secret)
    expect(out).toContain('[REDACTED]')
  })

  it('leaves ordinary text alone', () => {
    const s = 'Uploaded pinboard.jpg to board 123 (pins:write scope); pinning 4 files'
    expect(redact(s)).toBe(s)
  })
})

describe('createLogger', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes JSON lines to <dataDir>/logs/pinload.log with every token redacted, fields included', () => {
    dir = mkdtempSync(join(tmpdir(), 'pinload-log-'))
    const log = createLogger({ dataDir: dir, now: () => 0 })
    log.info('request sent', {
      headers: { authorization: 'Bearer pina_SECRET123' },
      url: '/oauth/token?refresh_token=pinr_R1',
    })
    log.error('failed', { error: new Error('token pina_ABC rejected') })
    log.debug('hidden below info')
    log.close()
    const text = readFileSync(join(dir, 'logs', 'pinload.log'), 'utf8')
    expect(text).not.toMatch(/pina_SECRET123|pinr_R1|pina_ABC/)
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request sent', t: '1970-01-01T00:00:00.000Z' })
    expect(JSON.stringify(lines[1])).toContain('rejected')
  })
})
