/**
 * A small in-memory PinterestApi for unit tests of the queue (integration tests use the real client and
 * the fake Pinterest). It records calls, counts how many of each run at once, and lets a test inject
 * failures, hold calls open, or commit a Pin and then lose the answer.
 */
import { stat } from 'node:fs/promises'
import type { Board, BoardSection, MediaStatus } from '../../src/shared/domain'
import {
  type BoardPinsPage,
  type CreatedPin,
  type MediaUpload,
  type PinFields,
  type PinterestApi,
  type PinUpdate,
  type RequestOptions,
  type TransferOptions,
  type UserAccount,
  type VideoCover,
} from '../../src/main/pinterest/api-types'
import { ApiError } from '../../src/main/pinterest/api-error'

export interface MemPin extends CreatedPin {
  source: string
}

export type Method = keyof PinterestApi
/** Returns an error to throw for this call, 'commit-then-lose' for a create, or undefined to proceed. */
export type FaultFn = (method: Method, n: number) => Error | 'commit-then-lose' | undefined

export class MemoryApi implements PinterestApi {
  boards: Board[] = [{ id: 'b1', name: 'Travel' }]
  pins: MemPin[] = []
  media = new Map<string, { status: MediaStatus; uploads: number; statusReads: number }>()
  calls: { method: Method; arg?: string; at: number }[] = []
  active = new Map<Method, number>()
  maxActive = new Map<Method, number>()
  inFlight = 0
  maxInFlight = 0
  fault: FaultFn = () => undefined
  /** Extra delay per call in ms (lets concurrency show). */
  delayMs = 0
  /** Status reads before a media reports succeeded. */
  processingReads = 1
  /** When set, every call waits for this promise before finishing. */
  gate: Promise<void> | null = null
  /** Methods the gate applies to (all when empty). */
  gateOnly: Method[] = []
  pageSize = 2
  /** False: like a server that ignores a sent dominant_color and lists its own. */
  keepsMarks = true
  /** The Pin fields of every create, in call order (before any fault). */
  sent: PinFields[] = []
  private seq = 0
  private readonly listedNames = new Map<string, string>()
  private counts = new Map<Method, number>()
  private clock = Date.parse('2026-01-01T00:00:00Z')

  /** Pin creation time as Pinterest reports it; tests may move it. */
  now = () => Date.now()

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length
  }

  private async enter<T>(
    method: Method,
    arg: string | undefined,
    signal: AbortSignal | undefined,
    body: () => T | Promise<T>,
  ): Promise<T> {
    signal?.throwIfAborted()
    const n = (this.counts.get(method) ?? 0) + 1
    this.counts.set(method, n)
    this.calls.push({ method, ...(arg !== undefined && { arg }), at: Date.now() })
    const a = (this.active.get(method) ?? 0) + 1
    this.active.set(method, a)
    this.maxActive.set(method, Math.max(this.maxActive.get(method) ?? 0, a))
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      if (this.delayMs) await abortable(new Promise((r) => setTimeout(r, this.delayMs)), signal)
      if (this.gate && (this.gateOnly.length === 0 || this.gateOnly.includes(method)))
        await abortable(this.gate, signal)
      const f = this.fault(method, n)
      if (f instanceof Error) throw f
      const out = await body()
      if (f === 'commit-then-lose')
        throw new ApiError('transient', 'connection reset', { outcomeUnknown: true })
      return out
    } finally {
      this.active.set(method, (this.active.get(method) ?? 1) - 1)
      this.inFlight--
    }
  }

  getUserAccount(opts?: RequestOptions): Promise<UserAccount> {
    return this.enter('getUserAccount', undefined, opts?.signal, () => ({ username: 'tester' }))
  }
  listBoards(opts?: RequestOptions): Promise<Board[]> {
    return this.enter('listBoards', undefined, opts?.signal, () => {
      for (const b of this.boards) this.listedNames.set(b.id, b.name)
      return [...this.boards]
    })
  }
  /** Like the real client: only names it has listed. */
  knownBoardName(boardId: string): string | undefined {
    return this.listedNames.get(boardId)
  }
  createBoard(input: { name: string }, opts?: RequestOptions): Promise<Board> {
    return this.enter('createBoard', input.name, opts?.signal, () => {
      const b = { id: `b${this.boards.length + 1}`, name: input.name }
      this.boards.push(b)
      return b
    })
  }
  listSections(_boardId: string, opts?: RequestOptions): Promise<BoardSection[]> {
    return this.enter('listSections', undefined, opts?.signal, () => [])
  }
  createSection(_boardId: string, name: string, opts?: RequestOptions): Promise<BoardSection> {
    return this.enter('createSection', name, opts?.signal, () => ({ id: 's1', name }))
  }

  private addPin(pin: PinFields, source: string): MemPin {
    if (pin.boardId && !this.boards.some((b) => b.id === pin.boardId))
      throw new ApiError('not_found', 'Board not found.', { status: 404 })
    const p: MemPin = {
      id: String(1000 + ++this.seq),
      ...(pin.boardId !== undefined && { boardId: pin.boardId }),
      title: pin.title ?? null,
      description: pin.description ?? null,
      link: pin.link ?? null,
      // Kept as sent, like the fake; Pinterest's own colour when none was sent.
      dominantColor: (this.keepsMarks && pin.dominantColor) || '#6e7874',
      createdAt: new Date(this.now()).toISOString(),
      source,
    }
    this.pins.push(p)
    return p
  }

  createImagePinFromFile(
    file: { path: string; contentType: 'image/jpeg' | 'image/png' },
    pin: PinFields,
    opts?: TransferOptions,
  ): Promise<CreatedPin> {
    this.sent.push(pin)
    return this.enter('createImagePinFromFile', file.path, opts?.signal, async () => {
      const size = (await stat(file.path)).size
      opts?.onProgress?.(size, size)
      return this.addPin(pin, file.path)
    })
  }
  createImagePinFromUrl(url: string, pin: PinFields, opts?: RequestOptions): Promise<CreatedPin> {
    return this.enter('createImagePinFromUrl', url, opts?.signal, () => this.addPin(pin, url))
  }
  createVideoPin(
    mediaId: string,
    _cover: VideoCover,
    pin: PinFields,
    opts?: RequestOptions,
  ): Promise<CreatedPin> {
    return this.enter('createVideoPin', mediaId, opts?.signal, () => {
      if (this.media.get(mediaId)?.status !== 'succeeded')
        throw new ApiError('validation', 'Media not ready.', { status: 400 })
      return this.addPin(pin, `media:${mediaId}`)
    })
  }
  registerMedia(opts?: RequestOptions): Promise<MediaUpload> {
    return this.enter('registerMedia', undefined, opts?.signal, () => {
      const mediaId = String(5000 + ++this.seq)
      this.media.set(mediaId, { status: 'registered', uploads: 0, statusReads: 0 })
      return { mediaId, uploadUrl: 'memory://upload', uploadParameters: { key: mediaId } }
    })
  }
  uploadMedia(upload: MediaUpload, filePath: string, opts?: TransferOptions): Promise<void> {
    return this.enter('uploadMedia', filePath, opts?.signal, async () => {
      const m = this.media.get(upload.mediaId)
      if (!m) throw new ApiError('validation', 'unknown media')
      const size = (await stat(filePath)).size
      opts?.onProgress?.(size, size)
      m.uploads++
      m.status = 'processing'
    })
  }
  getMediaStatus(mediaId: string, opts?: RequestOptions): Promise<MediaStatus> {
    return this.enter('getMediaStatus', mediaId, opts?.signal, () => {
      const m = this.media.get(mediaId)
      if (!m) throw new ApiError('not_found', 'no media')
      if (m.status === 'processing' && ++m.statusReads >= this.processingReads) m.status = 'succeeded'
      return m.status
    })
  }
  listBoardPins(boardId: string, bookmark?: string | null, opts?: RequestOptions): Promise<BoardPinsPage> {
    return this.enter('listBoardPins', boardId, opts?.signal, () => {
      if (!this.boards.some((b) => b.id === boardId))
        throw new ApiError('not_found', 'Board not found.', { status: 404 })
      const all = this.pins.filter((p) => p.boardId === boardId).reverse()
      const start = bookmark ? Number(bookmark) : 0
      const items = all.slice(start, start + this.pageSize)
      return { items, bookmark: start + this.pageSize < all.length ? String(start + this.pageSize) : null }
    })
  }
  getPin(pinId: string, opts?: RequestOptions): Promise<CreatedPin> {
    return this.enter('getPin', pinId, opts?.signal, () => {
      const p = this.pins.find((x) => x.id === pinId)
      if (!p) throw new ApiError('not_found', 'no pin')
      return p
    })
  }
  updatePin(pinId: string, patch: PinUpdate, opts?: RequestOptions): Promise<CreatedPin> {
    return this.enter('updatePin', pinId, opts?.signal, () => {
      const p = this.pins.find((x) => x.id === pinId)
      if (!p) throw new ApiError('not_found', 'no pin', { status: 404 })
      if (patch.title !== undefined) p.title = patch.title
      if (patch.description !== undefined) p.description = patch.description
      if (patch.link !== undefined) p.link = patch.link
      if (patch.boardId !== undefined) p.boardId = patch.boardId
      return p
    })
  }
  deletePin(pinId: string, opts?: RequestOptions): Promise<void> {
    return this.enter('deletePin', pinId, opts?.signal, () => {
      const i = this.pins.findIndex((x) => x.id === pinId)
      if (i < 0) throw new ApiError('not_found', 'no pin', { status: 404 })
      this.pins.splice(i, 1)
    })
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ApiError('cancelled', 'Cancelled.'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** A promise and its resolver, for gating calls. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
