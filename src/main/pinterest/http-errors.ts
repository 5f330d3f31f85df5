import { ApiError } from './api-error'

/** What a failed HTTP answer carried, read once by the client. */
export interface FailedResponse {
  status: number
  /** Response headers as undici gives them (lower-case names). */
  headers: Record<string, string | string[] | undefined>
  /** Response body text (JSON from Pinterest, XML from S3). */
  bodyText: string
}

/** Pin/board/media fields a 400 may name, longest first so `board_section_id` wins over `board_id`. */
const KNOWN_FIELDS = [
  'cover_image_key_frame_time',
  'cover_image_content_type',
  'cover_image_data',
  'cover_image_url',
  'board_section_id',
  'ad_account_id',
  'media_source',
  'content_type',
  'description',
  'source_type',
  'media_type',
  'alt_text',
  'board_id',
  'media_id',
  'title',
  'link',
  'name',
  'data',
  'url',
]

const TRIAL_FIX =
  'This Pinterest app has Trial access, which may not create Pins in production: switch the account to the API sandbox ' +
  '(Settings → Environment → Sandbox, with a sandbox token) or request Standard access on developers.pinterest.com.'

function header(headers: FailedResponse['headers'], name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * Server-advised wait in ms: `Retry-After` (seconds or an HTTP date), else an `X-RateLimit-Reset`-style header
 * (seconds from now, or a Unix time in seconds). Undocumented by Pinterest, so only a hint.
 */
export function retryAfterMs(
  headers: FailedResponse['headers'],
  nowMs: number = Date.now(),
): number | undefined {
  const ra = header(headers, 'retry-after')
  if (ra !== undefined && ra.trim() !== '') {
    const secs = Number(ra)
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000)
    const at = Date.parse(ra)
    if (Number.isFinite(at)) return Math.max(0, at - nowMs)
  }
  for (const name of [
    'x-ratelimit-reset',
    'x-rate-limit-reset',
    'x-userendpoint-ratelimit-reset-seconds',
    'ratelimit-reset',
  ]) {
    const v = Number(header(headers, name))
    if (!Number.isFinite(v) || v < 0) continue
    // A value this large is a Unix time, not a delay.
    return v > 1e9 ? Math.max(0, v * 1000 - nowMs) : v * 1000
  }
  return undefined
}

interface PinterestErrorBody {
  code?: number
  message?: string
  message_detail?: string
}

function parseBody(text: string): PinterestErrorBody {
  try {
    const v: unknown = JSON.parse(text)
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      return {
        code: typeof o.code === 'number' ? o.code : undefined,
        message: typeof o.message === 'string' ? o.message : undefined,
        message_detail: typeof o.message_detail === 'string' ? o.message_detail : undefined,
      }
    }
  } catch {
    // Not JSON: a proxy's HTML page or S3's XML; the status decides.
  }
  return {}
}

/** Names the field a 400 complains about, when its message says so. */
export function fieldFromMessage(message: string): string | undefined {
  // Case-sensitive: field names are lower-case, while prose says "URL" (Pinterest's invalid-link message).
  for (const f of KNOWN_FIELDS) {
    if (new RegExp(`(^|[^A-Za-z_])${f}($|[^A-Za-z_])`).test(message)) return f
  }
  if (/\bURL\b/.test(message)) return 'link'
  return undefined
}

/** How errorFromResponse reads an answer. */
export interface ResponseErrorOptions {
  /**
   * The request was a create without idempotency (POST /v5/pins, POST /v5/media): a 5xx, 408, 409 or 425 may come
   * after the write (a gateway timing out on a slow backend), so the outcome is unknown and a resend could duplicate.
   */
  unsafe?: boolean
  /** Clock for Retry-After dates, epoch ms (default Date.now()). */
  nowMs?: number
}

/** Maps a Pinterest API answer with a non-2xx status to the closed ApiError kinds. */
export function errorFromResponse(
  res: FailedResponse,
  what: string,
  opts: ResponseErrorOptions = {},
): ApiError {
  const nowMs = opts.nowMs ?? Date.now()
  const body = parseBody(res.bodyText)
  const requestId = header(res.headers, 'x-pinterest-rid')
  const text = body.message ?? (res.bodyText.slice(0, 200) || `HTTP ${res.status}`)
  const base = { status: res.status, code: body.code, requestId }
  const msg = `${what} failed: ${text}`
  const s = res.status

  if (s === 401 || body.code === 283 || body.code === 2) {
    const fix =
      body.code === 3
        ? 'Sign in to Pinterest again and allow every permission Pinload asks for.'
        : 'Sign in to Pinterest again.'
    return new ApiError('auth', msg, { ...base, fix })
  }
  if (s === 403) {
    const trial = body.code === 29 && /trial|sandbox/i.test(text)
    return new ApiError('permission', msg, {
      ...base,
      fix: trial
        ? TRIAL_FIX
        : 'The account may not use this board, Pin or ad account, or the sign-in lacks a permission: check the board, then sign in again.',
    })
  }
  if (s === 404)
    return new ApiError('not_found', msg, {
      ...base,
      fix: 'The board, section or Pin no longer exists: pick another.',
    })
  if (s === 429) {
    const spam = /spam/i.test(`${body.message_detail ?? ''} ${body.message ?? ''}`)
    if (spam) {
      return new ApiError('spam_blocked', msg, {
        ...base,
        fix: 'Pinterest flagged these requests as spam: stop posting from this account for now and review the content; retrying makes it worse.',
      })
    }
    return new ApiError('rate_limited', msg, { ...base, retryAfterMs: retryAfterMs(res.headers, nowMs) })
  }
  if (s === 408 || s === 409 || s === 425 || s >= 500) {
    if (opts.unsafe) {
      // No idempotency key exists: the governor must not resend; the caller reconciles against the board instead.
      return new ApiError('transient', msg, {
        ...base,
        outcomeUnknown: true,
        fix: 'Pinterest failed after the request was sent: Pinload checks whether it was created before sending it again.',
      })
    }
    return new ApiError('transient', msg, { ...base, retryAfterMs: retryAfterMs(res.headers, nowMs) })
  }
  if (s === 413) {
    return new ApiError('validation', msg, {
      ...base,
      fix: 'The image is too large for Pinterest: compress or resize it.',
    })
  }
  const field = fieldFromMessage(`${body.message ?? ''} ${body.message_detail ?? ''}`)
  return new ApiError('validation', msg, {
    ...base,
    ...(field ? { field } : {}),
    fix: 'Correct the Pin’s fields and try again.',
  })
}

/** Maps S3's answer to a media upload (XML errors, no Pinterest code). */
export function errorFromUpload(res: FailedResponse): ApiError {
  const code = /<Code>([^<]*)<\/Code>/.exec(res.bodyText)?.[1]
  const detail =
    /<Message>([^<]*)<\/Message>/.exec(res.bodyText)?.[1] ??
    (res.bodyText.slice(0, 200) || `HTTP ${res.status}`)
  const msg = `Video upload failed: ${code ? `${code}: ` : ''}${detail}`
  const base = { status: res.status, requestId: header(res.headers, 'x-amz-request-id') }
  if (res.status === 403 && /expired/i.test(`${code ?? ''} ${detail}`)) {
    return new ApiError('transient', msg, {
      ...base,
      policyExpired: true,
      fix: 'The upload slot expired: the video is registered again and re-sent.',
    })
  }
  if (res.status === 403)
    return new ApiError('permission', msg, {
      ...base,
      fix: 'Pinterest’s upload server refused the file: register it again.',
    })
  if (res.status === 411)
    return new ApiError('validation', msg, {
      ...base,
      fix: 'The upload was sent without a length: this is a Pinload bug, please report it.',
    })
  if (res.status === 429 || res.status === 503)
    return new ApiError('rate_limited', msg, { ...base, retryAfterMs: retryAfterMs(res.headers) })
  if (res.status >= 500) return new ApiError('transient', msg, base)
  if (res.status === 400 && /EntityTooLarge/i.test(code ?? '')) {
    return new ApiError('validation', msg, {
      ...base,
      fix: 'The video is larger than Pinterest allows (2 GB): trim or re-encode it.',
    })
  }
  return new ApiError('validation', msg, base)
}

/** undici/Node error codes that mean the connection never carried the request: always safe to retry. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Node's codes for a server certificate that failed verification. The handshake fails before any byte of the
 * request leaves, so nothing was created, and retrying meets the same certificate.
 */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

const CERTIFICATE_FIX =
  'Something between this computer and Pinterest (a company proxy or security software that inspects HTTPS) ' +
  'presented a certificate this computer does not trust, or the clock is wrong. Check the date and time; on a ' +
  'company network ask IT for its root certificate and start Pinload with NODE_EXTRA_CA_CERTS set to that file. ' +
  'Retrying alone will not help.'

/** True when the error shows the request never reached the server. */
function neverSent(err: unknown): boolean {
  const code = errorCode(err)
  return code !== undefined && NOT_SENT_CODES.has(code)
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Maps a network failure (reset, timeout, refused) to ApiError. `bodySent` says whether the whole request body
 * had left when it failed; with `unsafe` (a create without idempotency) that makes the outcome unknown.
 */
export function errorFromNetwork(
  err: unknown,
  what: string,
  opts: { unsafe: boolean; bodySent: boolean; timedOut: boolean },
): ApiError {
  if (err instanceof ApiError) return err
  const code = errorCode(err)
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return new ApiError(
      'certificate',
      `${what} failed: the server's certificate was not trusted (${code}).`,
      { outcomeUnknown: false, fix: CERTIFICATE_FIX },
    )
  }
  const reason = opts.timedOut ? 'timed out' : (code ?? (err instanceof Error ? err.message : String(err)))
  const outcomeUnknown = opts.unsafe && opts.bodySent && !neverSent(err)
  return new ApiError('transient', `${what} failed: ${reason}`, {
    ...(outcomeUnknown
      ? {
          outcomeUnknown: true,
          fix: 'The answer was lost after the request was sent: Pinload checks whether it was created before sending it again.',
        }
      : { fix: 'Check the internet connection; Pinload retries automatically.' }),
  })
}
