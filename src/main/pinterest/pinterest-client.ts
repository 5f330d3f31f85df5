import type { Dispatcher } from 'undici'
import type { Board, BoardSection, Environment, MediaStatus } from '../../shared/domain'
import { API_BASES } from '../../shared/pinterest-urls'
import type {
  BoardPinsPage,
  CreatedPin,
  MediaUpload,
  PinFields,
  PinterestApi,
  RequestOptions,
  TokenProvider,
  TransferOptions,
  UserAccount,
  VideoCover,
} from './api-types'
import { ApiError } from './api-error'
import { stampOf } from './file-chunks'
import { errorFromResponse, retryAfterMs } from './http-errors'
import { send, type SendResult } from './http-send'
import { createRoutes, type ProxyResolver } from './proxy-dispatch'
import { uploadMediaFile } from './media-upload'
import { jsonBody, type OutgoingBody } from './outgoing-body'
import {
  carouselFilesPinBody,
  imageFilePinBody,
  imageUrlPinBody,
  pinQuery,
  pinUpdateJson,
  videoPinBody,
} from './pin-requests'
import { RateGovernor, type RateCategory, type RequestGovernor } from './rate-governor'
import {
  parseJson,
  toBoard,
  toMediaStatus,
  toMediaUpload,
  toPage,
  toPin,
  toSection,
  toUser,
} from './response-mappers'

/**
 * API base for an environment: `PINLOAD_API_BASE` when set (the fake Pinterest, a proxy), else Pinterest's
 * production or sandbox base. No trailing slash.
 */
export function resolveApiBase(environment: Environment, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.PINLOAD_API_BASE?.trim()
  return (override || API_BASES[environment]).replace(/\/+$/, '')
}

export interface PinterestClientOptions {
  /** e.g. https://api.pinterest.com/v5 (see resolveApiBase). */
  apiBase: string
  tokens: TokenProvider
  /** Shared per account so every client of one user draws from the same rate windows. */
  governor?: RequestGovernor
  /** Longest silence on one request before it is given up, in ms (default 60 000). */
  fetchTimeoutMs?: number
  userAgent?: string
  /** Keep-alive sockets per origin (default 6). */
  connectionsPerOrigin?: number
  /**
   * Environment whose `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (or lower-case) the requests follow (default: none,
   * a direct connection). The command passes its own.
   */
  env?: NodeJS.ProcessEnv
  /** The system's proxy answer per URL (the desktop app's `session.resolveProxy`); wins over `env`. */
  resolveProxy?: ProxyResolver
  /** A dispatcher the caller owns, used for every request instead of the above (not closed by `close()`). */
  dispatcher?: Dispatcher
}

export type PinterestClient = PinterestApi & {
  /** Closes the pooled connections; pending requests fail. */
  close(): Promise<void>
}

/** Read size for streamed bodies: large reads keep the upload near disk/socket speed. */
const CHUNK_BYTES = 1024 * 1024 - ((1024 * 1024) % 3)

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  category: RateCategory
  what: string
  body?: OutgoingBody
  /** Non-idempotent create: never retried once the whole body has left, nor after a 5xx/408/409/425 answer. */
  unsafe?: boolean
  signal?: AbortSignal
  onProgress?: TransferOptions['onProgress']
}

/**
 * The Pinterest API over undici. One Agent keeps a keep-alive pool per origin (the API, the upload host). Each call
 * goes through the rate governor, carries the bearer token, and on a 401 refreshes the token once and tries once more.
 */
export function createPinterestClient(opts: PinterestClientOptions): PinterestClient {
  const base = opts.apiBase.replace(/\/+$/, '')
  const governor = opts.governor ?? new RateGovernor()
  const idleTimeoutMs = opts.fetchTimeoutMs ?? 60_000
  const userAgent = opts.userAgent ?? 'Pinload/0.1'
  const routes = createRoutes({
    connections: opts.connectionsPerOrigin ?? 6,
    ...(opts.env && { env: opts.env }),
    ...(opts.resolveProxy && { resolveProxy: opts.resolveProxy }),
    ...(opts.dispatcher && { dispatcher: opts.dispatcher }),
  })
  const route = async (url: string, what: string): Promise<Dispatcher> => {
    try {
      return await routes.forUrl(url)
    } catch (err) {
      throw new ApiError(
        'transient',
        `${what} failed: the system proxy settings could not be read (${err instanceof Error ? err.message : String(err)}).`,
        {
          outcomeUnknown: false,
          fix: 'Check the proxy settings of this computer; Pinload retries automatically.',
        },
      )
    }
  }
  let refreshing: Promise<string> | null = null
  // Names of the boards seen in answers, for messages about a board given by id (e.g. a skipped duplicate).
  const boardNames = new Map<string, string>()
  const seeBoard = (b: Board): Board => {
    boardNames.set(b.id, b.name)
    return b
  }

  const getToken = async (): Promise<string> => {
    try {
      return await opts.tokens.getAccessToken()
    } catch (err) {
      throw asAuthError(err)
    }
  }

  /** After a 401: reuse a token another request already refreshed, else refresh once for everyone waiting. */
  const refreshAfter401 = async (stale: string): Promise<string> => {
    const current = await getToken()
    if (current !== stale) return current
    refreshing ??= opts.tokens.refreshAccessToken().finally(() => {
      refreshing = null
    })
    try {
      return await refreshing
    } catch (err) {
      throw asAuthError(err)
    }
  }

  const exchange = async (call: Call, token: string): Promise<SendResult> =>
    send({
      dispatcher: await route(base + call.path, call.what),
      method: call.method,
      url: base + call.path,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': userAgent },
      body: call.body,
      signal: call.signal,
      onProgress: call.onProgress,
      idleTimeoutMs,
      what: call.what,
      unsafe: call.unsafe ?? false,
    })

  const call = (c: Call): Promise<Record<string, unknown>> =>
    governor.run({ category: c.category, signal: c.signal }, async () => {
      const token = await getToken()
      let res = await exchange(c, token)
      if (res.status === 401 && !lacksScope(res)) res = await exchange(c, await refreshAfter401(token))
      const resetMs = retryAfterMs(res.headers)
      governor.noteHeaders(c.category, res.headers, resetMs)
      if (res.status < 200 || res.status >= 300)
        throw errorFromResponse(res, c.what, { unsafe: c.unsafe ?? false })
      return parseJson(res.bodyText || '{}', c.what)
    })

  const listAll = async <T>(
    path: string,
    what: string,
    map: (o: Record<string, unknown>) => T,
    o?: RequestOptions,
  ) => {
    const out: T[] = []
    let bookmark: string | null = null
    do {
      const q: string = `page_size=250${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`
      const page = toPage(
        await call({ method: 'GET', path: `${path}?${q}`, category: 'org_read', what, signal: o?.signal }),
      )
      out.push(...page.items.map(map))
      bookmark = page.bookmark
    } while (bookmark)
    return out
  }

  const createPin = async (body: OutgoingBody, pin: PinFields, o?: TransferOptions): Promise<CreatedPin> =>
    toPin(
      await call({
        method: 'POST',
        path: `/pins${pinQuery(pin)}`,
        category: 'org_write',
        what: 'Creating the Pin',
        body,
        unsafe: true,
        signal: o?.signal,
        onProgress: o?.onProgress,
      }),
    )

  const id = (s: string) => encodeURIComponent(s)

  return {
    async getUserAccount(o): Promise<UserAccount> {
      return toUser(
        await call({
          method: 'GET',
          path: '/user_account',
          category: 'org_read',
          what: 'Reading the account',
          signal: o?.signal,
        }),
      )
    },
    async listBoards(o): Promise<Board[]> {
      return (await listAll('/boards', 'Listing boards', toBoard, o)).map(seeBoard)
    },
    knownBoardName(boardId) {
      return boardNames.get(boardId)
    },
    async createBoard(input, o): Promise<Board> {
      const body = jsonBody(
        input.privacy ? { name: input.name, privacy: input.privacy } : { name: input.name },
      )
      return seeBoard(
        toBoard(
          await call({
            method: 'POST',
            path: '/boards',
            category: 'org_write',
            what: 'Creating the board',
            body,
            signal: o?.signal,
          }),
        ),
      )
    },
    listSections(boardId, o): Promise<BoardSection[]> {
      return listAll(`/boards/${id(boardId)}/sections`, 'Listing board sections', toSection, o)
    },
    async createSection(boardId, name, o): Promise<BoardSection> {
      const body = jsonBody({ name })
      return toSection(
        await call({
          method: 'POST',
          path: `/boards/${id(boardId)}/sections`,
          category: 'org_write',
          what: 'Creating the section',
          body,
          signal: o?.signal,
        }),
      )
    },

    async createImagePinFromFile(file, pin, o): Promise<CreatedPin> {
      // Bytes already read come with the stamp of that read: no second stat, open or read of the file.
      if (file.read)
        return createPin(
          imageFilePinBody(
            { ...file, size: file.read.bytes.length, mtimeMs: file.read.mtimeMs },
            pin,
            CHUNK_BYTES,
          ),
          pin,
          o,
        )
      const stamp = await stampOf(file.path)
      return createPin(imageFilePinBody({ ...file, ...stamp }, pin, CHUNK_BYTES), pin, o)
    },
    createCarouselPin(images, pin, o): Promise<CreatedPin> {
      return createPin(carouselFilesPinBody(images, pin, CHUNK_BYTES), pin, o)
    },
    createImagePinFromUrl(url, pin, o): Promise<CreatedPin> {
      return createPin(imageUrlPinBody(url, pin), pin, o)
    },
    async createVideoPin(mediaId: string, cover: VideoCover, pin, o): Promise<CreatedPin> {
      const coverStamp = cover.kind === 'image_file' ? await stampOf(cover.path) : undefined
      return createPin(videoPinBody(mediaId, cover, coverStamp, pin, CHUNK_BYTES), pin, o)
    },

    async registerMedia(o): Promise<MediaUpload> {
      return toMediaUpload(
        await call({
          method: 'POST',
          path: '/media',
          category: 'org_write',
          what: 'Registering the video',
          body: jsonBody({ media_type: 'video' }),
          unsafe: true,
          signal: o?.signal,
        }),
      )
    },
    async uploadMedia(upload, filePath, o): Promise<void> {
      const dispatcher = await route(upload.uploadUrl, 'Video upload')
      return uploadMediaFile({ dispatcher, idleTimeoutMs, userAgent }, upload, filePath, o)
    },
    async getMediaStatus(mediaId, o): Promise<MediaStatus> {
      return toMediaStatus(
        await call({
          method: 'GET',
          path: `/media/${id(mediaId)}`,
          category: 'org_read',
          what: 'Checking the video',
          signal: o?.signal,
        }),
      )
    },

    async listBoardPins(boardId, bookmark, o): Promise<BoardPinsPage> {
      const q = `page_size=250${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`
      const page = toPage(
        await call({
          method: 'GET',
          path: `/boards/${id(boardId)}/pins?${q}`,
          category: 'org_read',
          what: 'Listing the board’s Pins',
          signal: o?.signal,
        }),
      )
      return { items: page.items.map(toPin), bookmark: page.bookmark }
    },
    async getPin(pinId, o): Promise<CreatedPin> {
      return toPin(
        await call({
          method: 'GET',
          path: `/pins/${id(pinId)}${o?.metrics ? '?pin_metrics=true' : ''}`,
          category: 'org_read',
          what: 'Reading the Pin',
          signal: o?.signal,
        }),
      )
    },
    async updatePin(pinId, patch, o): Promise<CreatedPin> {
      return toPin(
        await call({
          method: 'PATCH',
          path: `/pins/${id(pinId)}`,
          category: 'org_write',
          what: 'Updating the Pin',
          body: jsonBody(pinUpdateJson(patch)),
          signal: o?.signal,
        }),
      )
    },
    async deletePin(pinId, o): Promise<void> {
      await call({
        method: 'DELETE',
        path: `/pins/${id(pinId)}`,
        category: 'org_write',
        what: 'Deleting the Pin',
        signal: o?.signal,
      })
    },

    async close() {
      await routes.close()
    },
  }
}

/** A 401 with code 3 means the token lacks a scope: a refresh keeps the same scopes, so it cannot help. */
function lacksScope(res: SendResult): boolean {
  try {
    return (JSON.parse(res.bodyText) as { code?: unknown }).code === 3
  } catch {
    return false
  }
}

function asAuthError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  return new ApiError(
    'auth',
    `Signing in to Pinterest failed: ${err instanceof Error ? err.message : String(err)}`,
    {
      fix: 'Sign in to Pinterest again.',
    },
  )
}
