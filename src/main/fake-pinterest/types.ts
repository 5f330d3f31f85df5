/**
 * Public types of the fake Pinterest (API v5 + the S3 upload endpoint). Other engineers code against
 * these names: add fields, never rename them.
 */

/** Fault and record category of a request: the spec's `x-ratelimit-category` for /v5 endpoints, plus S3 and OAuth. */
export type RequestCategory = 'org_read' | 'org_write' | 's3' | 'oauth' | 'other'

export type RateLimitCategory = 'org_read' | 'org_write'

/** One category's limit: `limit` requests per `windowMs`. */
export interface RateLimitRule {
  limit: number
  windowMs: number
  /**
   * Strict sliding window: a request is refused while `limit` accepted ones arrived in the `windowMs` before it
   * (refused ones do not count). Default: fixed windows that start at the first request and count every request.
   */
  sliding?: boolean
}

export interface FakeClient {
  clientId: string
  clientSecret: string
  redirectUris: string[]
  /** The app owner's username: whom a client_credentials token acts as. Default: the fake's `username`. */
  owner?: string
}

export interface FakePinterestOptions {
  /** 'production' enables Trial-app refusal (code 29) when trialApp is true. Default 'production'. */
  environment?: 'production' | 'sandbox'
  trialApp?: boolean
  /** Registered OAuth clients. Default: one { clientId: 'test-app-id', clientSecret: 'test-app-secret', redirectUris: ['http://localhost:8085/'] }. */
  clients?: FakeClient[]
  /** Access token lifetime in seconds. Default 2592000 (30 d). */
  accessTokenTtlSec?: number
  /** Refresh token lifetime in seconds. Default 5184000 (60 d, continuous: renewed on every refresh). */
  refreshTokenTtlSec?: number
  /** Media status clock: registered until uploaded, then 'processing' for this long (ms), then 'succeeded'. Default 300 ms. */
  mediaProcessingMs?: number
  /** How long (ms) an upload_url/policy stays valid after POST /v5/media. Default 1 h. */
  uploadPolicyTtlMs?: number
  /** Per-category limits; false disables. Default { org_read: { limit: 1000, windowMs: 60_000 }, org_write: { limit: 100, windowMs: 60_000 } }. */
  rateLimits?: false | Partial<Record<RateLimitCategory, RateLimitRule>>
  /** Seed for probabilistic faults (mulberry32). Default 1. */
  seed?: number
  /**
   * A check of request bodies against Pinterest's OpenAPI description (the tests pass one built with ajv from the
   * spec file); when given, every JSON (and OAuth form) request body is also validated, and violations are
   * recorded in `specViolations` and rejected with 400 code 1. The app's demo passes none.
   */
  spec?: SpecCheck
  /** The account OAuth signs in as, and the default owner of seeded tokens and boards. Default 'pinload-tester'. */
  username?: string
  /** Fixed port (default 0 = any free port). */
  port?: number
  /**
   * Clock in ms since the epoch (default Date.now): token expiry, media processing, upload policy expiry,
   * rate-limit windows and created_at all read it. Upload bytes are never stored: only their count and sha256.
   */
  now?: () => number
}

export interface FakeBoard {
  id: string
  name: string
  description: string | null
  privacy: 'PUBLIC' | 'PROTECTED' | 'SECRET'
  owner: string
  is_ads_only: boolean
  created_at: string
  sections: { id: string; name: string }[]
}

/** A created Pin, as the fake stores it (the ground truth tests count for "exactly once"). */
export interface FakePin {
  id: string
  /** An ad-only Pin's is the user's "Ad-only Pins" board (docs/pinterest-api.md §3.1a); null only in seeded data. */
  board_id: string | null
  board_section_id: string | null
  title: string | null
  description: string | null
  link: string | null
  alt_text: string | null
  dominant_color: string | null
  /** The Pin this one was saved from (POST /v5/pins/{pin_id}/save); absent or null for a Pin made here. */
  parent_pin_id?: string | null
  /** ISO 8601. */
  created_at: string
  ad_account_id: string | null
  /** Sent as an ad-only Pin (`is_removable: true`, docs/pinterest-api.md §3.1a); echoed back on the Pin. */
  is_removable?: boolean
  /** Username of the token that created it. */
  owner: string
  /** `media_source.source_type` as sent. */
  media_source_type:
    'image_base64' | 'image_url' | 'video_id' | 'multiple_image_base64' | 'multiple_image_urls'
  /** image_base64: hex sha256 and size in bytes of the decoded image. */
  image_sha256: string | null
  image_bytes: number | null
  image_content_type: string | null
  /** image_url: the URL given. */
  image_url: string | null
  /** video_id: the media id used, and how the cover was given. */
  video_media_id: string | null
  video_cover:
    | { kind: 'key_frame'; seconds: number }
    | { kind: 'url'; url: string }
    | { kind: 'base64'; sha256: string }
    | null
  /** Carousels: one entry per image (sha256 and the type its bytes were checked as for base64 items, url for url items). */
  carousel_items:
    | {
        sha256?: string
        content_type?: string
        url?: string
        title?: string
        description?: string
        link?: string
      }[]
    | null
  /** What `pin_metrics=true` reports (set by `setPinMetrics`); zeros when unset. */
  metrics?: FakePinMetrics
}

/** Lifetime counts of a fake Pin, under the names `pin_metrics` uses. */
interface FakePinMetrics {
  impression: number
  save: number
  pin_click: number
  outbound_click: number
}

export type FakeMediaStatus = 'registered' | 'processing' | 'succeeded' | 'failed'

export interface FakeMedia {
  media_id: string
  media_type: 'video'
  /** Current status, computed from the fake's clock at read time. */
  status: FakeMediaStatus
  owner: string
  /** Bytes of the `file` part of the last accepted upload; 0 before any. */
  uploaded_bytes: number
  /** Hex sha256 of the last accepted upload; null before any. */
  sha256: string | null
  /** Number of accepted (204) uploads. */
  upload_count: number
  registered_at_ms: number
  uploaded_at_ms: number | null
  /** The upload parameters handed out by POST /v5/media, in order. */
  upload_parameters: Record<string, string>
}

export interface RecordedRequest {
  /** Sequence number from 1, in arrival order. */
  seq: number
  method: string
  /** URL path without the query. */
  path: string
  query: Record<string, string>
  category: RequestCategory
  /** HTTP status answered; 0 while in flight or when the socket was destroyed before any answer. */
  status: number
  /** Request body bytes received. */
  bytesReceived: number
  /** Whether the request used Transfer-Encoding: chunked. */
  chunked: boolean
  /** Request arrival time, ms since the epoch (the fake's clock). */
  time: number
  /** x-pinterest-rid of the answer. */
  requestId: string
  /** 'Bearer <redacted>' / 'Basic <redacted>' / null: the credential itself is never stored. */
  authorization: string | null
  /** Name of the fault action applied, if any. */
  fault: FaultRule['action']['type'] | null
  /** True when the answer was computed but the socket destroyed instead (reset_after_commit). */
  answerDropped: boolean
}

export interface FaultRule {
  match: { method?: string; path?: string | RegExp; category?: 'org_read' | 'org_write' | 's3' | 'oauth' }
  /** Act on the first `times` matching requests (default: every match), or with `probability` 0..1 (seeded). Skip the first `after` matches. */
  times?: number
  probability?: number
  after?: number
  action:
    | { type: 'status'; status: number; code?: number; message?: string; headers?: Record<string, string> }
    | { type: 'rate_limit'; retryAfterSec?: number; rateLimitHeaders?: boolean }
    | { type: 'spam' }
    | { type: 'reset'; afterBytes?: number }
    | { type: 'delay'; ms: number }
    | { type: 'reset_after_commit' }
    | { type: 'policy_expired' }
}

export interface SpecViolation {
  method: string
  path: string
  errors: string[]
}

export interface FakePinterest {
  /** http://127.0.0.1:PORT */
  baseUrl: string
  /** `${baseUrl}/v5` */
  apiBase: string
  /** Authorize page: GET `${oauthBase}?client_id&redirect_uri&response_type=code&scope&state` → 302 to redirect_uri?code=…&state=… (auto-approves). */
  oauthBase: string
  /** S3 upload endpoint handed out as `upload_url`: `${baseUrl}/s3-upload/`. */
  uploadUrl: string
  close(): Promise<void>
  /** Seed data and tokens without OAuth. */
  issueToken(opts?: {
    clientId?: string
    scopes?: string[]
    accessTtlSec?: number
    refreshTtlSec?: number
    username?: string
  }): {
    accessToken: string
    refreshToken: string
  }
  addBoard(input: {
    name: string
    privacy?: 'PUBLIC' | 'PROTECTED' | 'SECRET'
    owner?: string
    description?: string
  }): FakeBoard
  addSection(boardId: string, name: string): { id: string; name: string }
  readonly pins: readonly FakePin[]
  readonly boards: readonly FakeBoard[]
  readonly media: readonly FakeMedia[]
  readonly requests: readonly RecordedRequest[]
  /** Called as each request arrives (recorded, not yet answered); returns the unsubscribe. */
  onRequest(listener: (request: RecordedRequest) => void): () => void
  readonly specViolations: readonly SpecViolation[]
  faults: {
    add(rule: FaultRule): void
    clear(): void
  }
  /** Make a registered media end in 'failed' instead of 'succeeded' (the next one registered, or by id). */
  failMedia(which: 'next' | (string & {})): void
  /** The next authorize request redirects with `error=access_denied` (the user clicked "Cancel"). */
  denyNextAuthorization(): void
  /**
   * Who is signed in to pinterest.com in the browser from now on: the user the authorize page approves for
   * (a second brand's account). Default: the fake's `username`.
   */
  signInBrowserAs(username: string): void
  expireAccessToken(accessToken: string): void
  /** Removes a Pin "on Pinterest's side" (as the user deleting it on pinterest.com would); false when absent. */
  removePin(pinId: string): boolean
  /** Sets what `GET /v5/pins/{pin_id}?pin_metrics=true` reports for a Pin. */
  setPinMetrics(pinId: string, metrics: Partial<FakePinMetrics>): void
  /** While true, `PATCH /v5/pins/{pin_id}` answers 403 code 29 as a beta endpoint this app may not use. */
  refusePinUpdates(refuse: boolean): void
  expireRefreshToken(refreshToken: string): void
  /** Drop all state (pins, media, tokens, boards, requests, faults, rate-limit windows). */
  reset(): void
}

/** What the fake needs of an OpenAPI validator. */
export interface SpecCheck {
  /** Errors of a request body for an operation; null when the spec has no schema for it. */
  validateBody(method: string, pathTemplate: string, value: unknown, contentType?: string): string[] | null
}
