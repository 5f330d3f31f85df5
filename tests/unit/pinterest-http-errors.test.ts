import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/main/pinterest/api-error'
import {
  errorFromNetwork,
  errorFromResponse,
  errorFromUpload,
  fieldFromMessage,
  retryAfterMs,
} from '../../src/main/pinterest/http-errors'

const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'x-pinterest-rid': 'rid-1', ...headers },
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
})

describe('errorFromResponse', () => {
  it.each([
    [401, { code: 2, message: 'Authentication failed.' }, 'auth'],
    [400, { code: 283, message: 'The authorization grant is invalid' }, 'auth'],
    [403, { code: 29, message: 'You are not permitted to access that resource.' }, 'permission'],
    [404, { code: 40, message: 'Board not found.' }, 'not_found'],
    [429, { code: 8, message: 'This request exceeded a rate limit.' }, 'rate_limited'],
    [
      429,
      { code: 8, message: 'Too many requests', message_detail: 'Your request was blocked as spam' },
      'spam_blocked',
    ],
    [429, { code: 9, message: 'Request blocked: suspected SPAM.' }, 'spam_blocked'],
    [400, { code: 1, message: 'Invalid parameters.' }, 'validation'],
    [409, { code: 1, message: 'Could not get exclusive access to the board' }, 'transient'],
    [500, { code: 1, message: 'oops' }, 'transient'],
    [502, '<html>Bad gateway</html>', 'transient'],
  ])('%i %j → %s, keeping the request id', (status, body, kind) => {
    const e = errorFromResponse(res(status, body), 'Creating the Pin')
    expect(e).toBeInstanceOf(ApiError)
    expect(e.kind).toBe(kind)
    expect(e.details.requestId).toBe('rid-1')
    expect(e.details.status).toBe(status)
    expect(e.message).toMatch(/^Creating the Pin failed: /)
  })

  it.each([500, 502, 503, 504, 408, 409, 425])(
    'an unsafe create answered %i is outcome unknown, never retryable blind',
    (status) => {
      const e = errorFromResponse(
        res(status, '<html>Gateway</html>', { 'retry-after': '1' }),
        'Creating the Pin',
        { unsafe: true },
      )
      expect(e).toMatchObject({
        kind: 'transient',
        details: { status, outcomeUnknown: true, requestId: 'rid-1' },
      })
      expect(e.details.fix).toMatch(/checks whether it was created/)
      const safe = errorFromResponse(
        res(status, '<html>Gateway</html>', { 'retry-after': '1' }),
        'Reading the Pin',
        { unsafe: false },
      )
      expect(safe.kind).toBe('transient')
      expect(safe.details.outcomeUnknown).toBeUndefined()
      expect(safe.details.retryAfterMs).toBe(1000)
    },
  )

  it('an unsafe create answered 429, 401 or 400 keeps its usual kind: nothing was created', () => {
    const limited = errorFromResponse(res(429, { code: 8, message: 'rate' }, { 'retry-after': '2' }), 'x', {
      unsafe: true,
    })
    expect(limited).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 2000 } })
    expect(limited.details.outcomeUnknown).toBeUndefined()
    expect(
      errorFromResponse(res(401, { code: 2, message: 'Authentication failed.' }), 'x', { unsafe: true })
        .details.outcomeUnknown,
    ).toBeUndefined()
    expect(
      errorFromResponse(res(400, { code: 1, message: 'Invalid parameters.' }), 'x', { unsafe: true }).details
        .outcomeUnknown,
    ).toBeUndefined()
  })

  it('gives the Trial-in-production refusal the sandbox hint', () => {
    const e = errorFromResponse(
      res(403, {
        code: 29,
        message:
          'Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.',
      }),
      'Creating the Pin',
    )
    expect(e.kind).toBe('permission')
    expect(e.details.code).toBe(29)
    expect(e.details.fix).toMatch(/sandbox/i)
    expect(
      errorFromResponse(res(403, { code: 29, message: 'You are not permitted' }), 'x').details.fix,
    ).not.toMatch(/sandbox/i)
  })

  it('names the field of a 400 when the message does', () => {
    expect(
      errorFromResponse(res(400, { code: 1, message: "Invalid parameters: 'title' is too long" }), 'x')
        .details.field,
    ).toBe('title')
    expect(fieldFromMessage('board_section_id must be digits')).toBe('board_section_id')
    expect(fieldFromMessage('media_source.data is not valid base64')).toBe('media_source')
    expect(fieldFromMessage('Whoops! It looks like you entered an invalid URL.')).toBe('link')
    expect(fieldFromMessage('Invalid parameters.')).toBeUndefined()
  })

  it('reads Retry-After in seconds or as a date, and X-RateLimit-Reset as a hint', () => {
    const now = Date.parse('2026-11-28T12:00:00Z')
    expect(retryAfterMs({ 'retry-after': '3' }, now)).toBe(3000)
    expect(retryAfterMs({ 'retry-after': 'Sat, 28 Nov 2026 12:00:10 GMT' }, now)).toBe(10_000)
    expect(retryAfterMs({ 'x-ratelimit-reset': '20' }, now)).toBe(20_000)
    expect(retryAfterMs({ 'x-ratelimit-reset': String(now / 1000 + 30) }, now)).toBe(30_000)
    expect(retryAfterMs({}, now)).toBeUndefined()
    const e = errorFromResponse(res(429, { code: 8, message: 'rate' }, { 'retry-after': '2' }), 'x')
    expect(e.details.retryAfterMs).toBe(2000)
  })
})

describe('errorFromUpload (S3 XML)', () => {
  it('marks an expired policy', () => {
    const e = errorFromUpload(
      res(
        403,
        '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>',
      ),
    )
    expect(e.details.policyExpired).toBe(true)
    expect(e.kind).toBe('transient')
  })
  it('maps other refusals', () => {
    expect(errorFromUpload(res(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>')).kind).toBe(
      'permission',
    )
    expect(errorFromUpload(res(411, '<Error><Code>MissingContentLength</Code></Error>')).kind).toBe(
      'validation',
    )
    expect(errorFromUpload(res(503, '<Error><Code>SlowDown</Code></Error>')).kind).toBe('rate_limited')
    expect(errorFromUpload(res(500, '<Error><Code>InternalError</Code></Error>')).kind).toBe('transient')
  })
})

describe('errorFromNetwork', () => {
  const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })

  it('marks an unsafe create whose whole body left as outcome unknown', () => {
    const e = errorFromNetwork(reset, 'Creating the Pin', { unsafe: true, bodySent: true, timedOut: false })
    expect(e.kind).toBe('transient')
    expect(e.details.outcomeUnknown).toBe(true)
  })
  it('keeps it retryable when the body had not all left, the request is safe, or it never connected', () => {
    expect(
      errorFromNetwork(reset, 'x', { unsafe: true, bodySent: false, timedOut: false }).details.outcomeUnknown,
    ).toBeUndefined()
    expect(
      errorFromNetwork(reset, 'x', { unsafe: false, bodySent: true, timedOut: false }).details.outcomeUnknown,
    ).toBeUndefined()
    expect(
      errorFromNetwork(refused, 'x', { unsafe: true, bodySent: true, timedOut: false }).details
        .outcomeUnknown,
    ).toBeUndefined()
    expect(
      errorFromNetwork(new Error('x'), 'Reading', { unsafe: false, bodySent: true, timedOut: true }).message,
    ).toBe('Reading failed: timed out')
  })
})
