import { createHmac, randomBytes } from 'node:crypto'
import { HttpError } from './http-util'
import type {
  FakeBoard,
  FakeClient,
  FakeMedia,
  FakeMediaStatus,
  FakePin,
  RecordedRequest,
  SpecViolation,
} from './types'

/** Username every seeded token and board uses unless told otherwise. */
export const DEFAULT_USERNAME = 'pinload-tester'
/** Scopes a seeded token gets by default: what the uploader asks for (docs/pinterest-api.md §1.8). */
const DEFAULT_SCOPES = ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read']
export const ALL_SCOPES = [
  'ads:read',
  'ads:write',
  'billing:read',
  'billing:write',
  'biz_access:read',
  'biz_access:write',
  'boards:read',
  'boards:read_secret',
  'boards:write',
  'boards:write_secret',
  'catalogs:read',
  'catalogs:write',
  'msot:write',
  'pins:read',
  'pins:read_secret',
  'pins:write',
  'pins:write_secret',
  'user_accounts:read',
  'user_accounts:write',
]

export interface AccessGrant {
  clientId: string
  username: string
  scopes: string[]
  expiresAtMs: number
  /** A client_credentials token: only operations whose security lists client_credentials take it. */
  clientToken?: boolean
}

export interface RefreshGrant extends AccessGrant {
  /** False once rotated away or expired by a test. */
  valid: boolean
}

export interface AuthCode {
  clientId: string
  redirectUri: string
  scopes: string[]
  username: string
  used: boolean
  expiresAtMs: number
}

/** Internal media record: the final outcome is decided at registration (failMedia) and revealed by the clock. */
export interface MediaRecord extends Omit<FakeMedia, 'status'> {
  willFail: boolean
}

export interface StateConfig {
  clients: FakeClient[]
  accessTokenTtlSec: number
  refreshTokenTtlSec: number
  mediaProcessingMs: number
  uploadPolicyTtlMs: number
  now: () => number
  /** The account OAuth signs in as; default owner of seeded tokens and boards. */
  username: string
  /** Base URL of the fake's stand-in images (set once the server listens). */
  imageBase: string
}

/** All mutable data of one fake. `reset()` replaces it wholesale. */
export class FakeState {
  accessTokens = new Map<string, AccessGrant>()
  refreshTokens = new Map<string, RefreshGrant>()
  codes = new Map<string, AuthCode>()
  boards: FakeBoard[] = []
  pins: FakePin[] = []
  mediaRecords: MediaRecord[] = []
  requests: RecordedRequest[] = []
  specViolations: SpecViolation[] = []
  failNextMedia = false
  denyNextAuthorization = false
  /** The user signed in to pinterest.com in the browser (signInBrowserAs); undefined: cfg.username. */
  browserUser: string | undefined
  /** PATCH /v5/pins/{pin_id} refused as a beta endpoint this app may not use (refusePinUpdates). */
  pinUpdatesRefused = false
  private seq = 0
  /** Signs upload policies like S3's secret key would; fresh per fake so nothing leaks between runs. */
  readonly s3Secret = randomBytes(32)

  constructor(readonly cfg: StateConfig) {}

  /**
   * Pinterest ids are digit strings (18 digits for Pins). Each kind gets its own range so a board id sent
   * where a Pin id is expected is a 404 rather than an accidental hit.
   */
  nextId(kind: 'board' | 'section' | 'pin' | 'media' | 'user'): string {
    const base = { board: 1n, section: 2n, pin: 3n, media: 4n, user: 5n }[kind]
    this.seq += 1
    return String(base * 100_000_000_000_000_000n + 7_000_000_000_000_000n + BigInt(this.seq))
  }

  userId(username: string): string {
    // Stable per username, digits only.
    let h = 0
    for (const c of username) h = (h * 31 + c.charCodeAt(0)) >>> 0
    return String(500_000_000_000_000_000n + BigInt(h))
  }

  issueToken(
    opts: {
      clientId?: string
      scopes?: string[]
      accessTtlSec?: number
      refreshTtlSec?: number
      username?: string
    } = {},
  ) {
    const clientId = opts.clientId ?? this.cfg.clients[0]?.clientId ?? 'test-app-id'
    const now = this.cfg.now()
    const grant = {
      clientId,
      username: opts.username ?? this.cfg.username,
      scopes: [...(opts.scopes ?? DEFAULT_SCOPES)],
    }
    const accessToken = `pina_${randomBytes(24).toString('base64url')}`
    const refreshToken = `pinr_${randomBytes(24).toString('base64url')}`
    const accessTtl = opts.accessTtlSec ?? this.cfg.accessTokenTtlSec
    const refreshTtl = opts.refreshTtlSec ?? this.cfg.refreshTokenTtlSec
    this.accessTokens.set(accessToken, { ...grant, expiresAtMs: now + accessTtl * 1000 })
    this.refreshTokens.set(refreshToken, { ...grant, expiresAtMs: now + refreshTtl * 1000, valid: true })
    return {
      accessToken,
      refreshToken,
      accessTtlSec: accessTtl,
      refreshTtlSec: refreshTtl,
      scopes: grant.scopes,
    }
  }

  /** An access token for the app owner, without a refresh token (the client_credentials grant). */
  issueClientToken(clientId: string, username: string, scopes: string[]) {
    const accessToken = `pina_${randomBytes(24).toString('base64url')}`
    const ttl = this.cfg.accessTokenTtlSec
    this.accessTokens.set(accessToken, {
      clientId,
      username,
      scopes: [...scopes],
      expiresAtMs: this.cfg.now() + ttl * 1000,
      clientToken: true,
    })
    return { accessToken, accessTtlSec: ttl, scopes }
  }

  /** The grant behind a bearer token, or 401 code 2 (missing, unknown or expired: Pinterest does not say which). */
  authenticate(header: string | undefined): AccessGrant {
    const m = /^Bearer (\S+)$/.exec(header ?? '')
    const grant = m ? this.accessTokens.get(m[1]!) : undefined
    if (!grant || grant.expiresAtMs <= this.cfg.now()) throw new HttpError(401, 2, 'Authentication failed.')
    return grant
  }

  requireScopes(grant: AccessGrant, scopes: readonly string[]): void {
    const missing = scopes.filter((s) => !grant.scopes.includes(s))
    if (missing.length > 0) {
      throw new HttpError(
        401,
        3,
        `Not authorized to access the user account: missing scope(s) ${missing.join(', ')}.`,
      )
    }
  }

  addBoard(input: {
    name: string
    privacy?: 'PUBLIC' | 'PROTECTED' | 'SECRET'
    owner?: string
    description?: string | null
    isAdsOnly?: boolean
  }): FakeBoard {
    const board: FakeBoard = {
      id: this.nextId('board'),
      name: input.isAdsOnly ? 'Ad-only Pins' : input.name,
      description: input.description ?? null,
      privacy: input.isAdsOnly ? 'PROTECTED' : (input.privacy ?? 'PUBLIC'),
      owner: input.owner ?? this.cfg.username,
      is_ads_only: input.isAdsOnly ?? false,
      created_at: new Date(this.cfg.now()).toISOString(),
      sections: [],
    }
    this.boards.push(board)
    return board
  }

  addSection(boardId: string, name: string): { id: string; name: string } {
    const board = this.boards.find((b) => b.id === boardId)
    if (!board) throw new HttpError(404, 40, 'Board not found.')
    const section = { id: this.nextId('section'), name }
    board.sections.push(section)
    return section
  }

  /**
   * Whether the user already has a board of this name. Compared without case and surrounding or repeated
   * spaces: the board's web address is made from its name.
   */
  boardNameTaken(owner: string, name: string): boolean {
    const key = (n: string) => n.trim().replace(/\s+/g, ' ').toLowerCase()
    return this.boards.some((b) => b.owner === owner && key(b.name) === key(name))
  }

  /** Removes a board with its Pins. */
  deleteBoard(boardId: string): void {
    this.boards = this.boards.filter((b) => b.id !== boardId)
    this.pins = this.pins.filter((p) => p.board_id !== boardId)
  }

  /** Board visible to this user (owner), or 404 code 40. */
  ownBoard(grant: AccessGrant, boardId: string): FakeBoard {
    const board = this.boards.find((b) => b.id === boardId)
    if (!board) throw new HttpError(404, 40, 'Board not found.')
    if (board.owner !== grant.username) throw new HttpError(403, 7, 'Not authorized to access board or Pin.')
    return board
  }

  /** Status as seen now: registered → processing (on upload) → succeeded/failed after mediaProcessingMs. */
  mediaStatus(m: MediaRecord): FakeMediaStatus {
    if (m.uploaded_at_ms === null) return 'registered'
    if (this.cfg.now() - m.uploaded_at_ms < this.cfg.mediaProcessingMs) return 'processing'
    return m.willFail ? 'failed' : 'succeeded'
  }

  mediaView(m: MediaRecord): FakeMedia {
    const { willFail: _willFail, ...rest } = m
    return { ...rest, upload_parameters: { ...m.upload_parameters }, status: this.mediaStatus(m) }
  }

  registerMedia(grant: AccessGrant): MediaRecord {
    const now = this.cfg.now()
    const mediaId = this.nextId('media')
    const userId = this.userId(grant.username)
    const d = new Date(now)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')
    const day = d.slice(0, 8)
    const rand = randomBytes(3).toString('hex')
    const key = `uploads/${rand.slice(0, 2)}/${rand.slice(2, 4)}/${rand.slice(4, 6)}/${userId}:video:${mediaId}:${randomBytes(8).readBigUInt64BE()}`
    const fields: Record<string, string> = {
      'x-amz-date': d,
      'x-amz-security-token': randomBytes(48).toString('base64'),
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      key,
      'x-amz-credential': `ASIAFAKEPINLOAD0000/${day}/us-east-1/s3/aws4_request`,
      'Content-Type': 'multipart/form-data',
    }
    const policyDoc = {
      expiration: new Date(now + this.cfg.uploadPolicyTtlMs).toISOString(),
      conditions: [
        { bucket: 'pinterest-media-upload' },
        ...Object.entries(fields).map(([k, v]) => ({ [k]: v })),
      ],
    }
    const policy = Buffer.from(JSON.stringify(policyDoc)).toString('base64')
    const signature = this.sign(policy)
    // Same key order as the real answer (docs/pinterest-api.md §2.1); clients must copy it verbatim.
    const upload_parameters: Record<string, string> = {
      'x-amz-date': fields['x-amz-date']!,
      'x-amz-signature': signature,
      'x-amz-security-token': fields['x-amz-security-token']!,
      'x-amz-algorithm': fields['x-amz-algorithm']!,
      key,
      policy,
      'x-amz-credential': fields['x-amz-credential']!,
      'Content-Type': 'multipart/form-data',
    }
    const record: MediaRecord = {
      media_id: mediaId,
      media_type: 'video',
      owner: grant.username,
      uploaded_bytes: 0,
      sha256: null,
      upload_count: 0,
      registered_at_ms: now,
      uploaded_at_ms: null,
      upload_parameters,
      willFail: this.failNextMedia,
    }
    this.failNextMedia = false
    this.mediaRecords.push(record)
    return record
  }

  sign(policy: string): string {
    return createHmac('sha256', this.s3Secret).update(policy).digest('hex')
  }
}
