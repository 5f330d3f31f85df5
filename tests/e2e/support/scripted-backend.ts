import { watch, type FSWatcher } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type {
  AccountView,
  Board,
  BoardSection,
  CsvPreview,
  Settings,
  WatchView,
} from '../../../src/shared/domain'
import { invokeContract, type InvokeChannel } from '../../../src/shared/ipc/contract'
import { AppError, err, ok, type Result } from '../../../src/shared/ipc/result'
import type { BridgeBackend } from './backend-types'
import { ScriptedPipeline } from './scripted-pipeline'
import { previewCsv, scanPaths, titleFor } from './scripted-sources'

/** Handlers get the input already validated by the contract's zod schema. */
type Handler = (input: never) => unknown

export interface ScriptedBackendOptions {
  /** Start connected as this user (skips the sign-in screen). */
  connectedAs?: string
  /** Pipeline tick in ms (0 = do not run the pipeline, e.g. for a frozen 10,000-row queue). */
  tickMs?: number
  boards?: Board[]
}

/**
 * A scripted stand-in for main: validates every input with the contract's zod schema and answers with
 * plausible, schema-checked outputs, driving a simulated pipeline through the real ProgressHub.
 * Kept only for the render benchmark (bench/renderer-queue.bench.ts) until it runs on the real backend;
 * no e2e spec uses it: every spec runs the real services (fixtures.ts).
 */
export class ScriptedBackend implements BridgeBackend {
  readonly pipeline: ScriptedPipeline
  account: AccountView
  boards: Board[]
  readonly sections = new Map<string, BoardSection[]>()
  settings: Settings = {
    concurrency: 3,
    videoTransfers: 1,
    bandwidthBytesPerSec: 0,
    rateProfile: 'standard',
    dataDir: '/tmp/pinload-scripted',
    stableMs: 2000,
  }
  readonly watches: WatchView[] = []
  private readonly watchers = new Map<number, FSWatcher>()
  private readonly previews = new Map<string, CsvPreview>()
  private readonly listeners = new Set<(event: string, payload: unknown) => void>()
  private appSecret = false
  private connectAbort: (() => void) | null = null
  private nextId = 1
  /** Delay (ms) before the scripted browser "approves" the sign-in. */
  connectDelayMs = 300

  constructor(opts: ScriptedBackendOptions = {}) {
    this.boards = opts.boards ?? [
      { id: '1001', name: 'Recipes', privacy: 'PUBLIC' },
      { id: '1002', name: 'Travel', privacy: 'PUBLIC' },
      { id: '1003', name: 'Sketches', privacy: 'SECRET' },
    ]
    this.account = {
      status: 'signed_out',
      environment: 'production',
      hasAppSecret: false,
      redirectUri: 'http://localhost:8085/',
      warnings: [],
    }
    if (opts.connectedAs !== undefined) {
      this.account = {
        ...this.account,
        status: 'connected',
        appId: '1234567',
        hasAppSecret: true,
        username: opts.connectedAs,
        accountType: 'BUSINESS',
        tokenSource: 'oauth',
      }
    }
    this.pipeline = new ScriptedPipeline(
      (e, p) => this.emit(e, p),
      (id) => this.boards.find((b) => b.id === id)?.name,
    )
    if ((opts.tickMs ?? 100) > 0) this.pipeline.start(opts.tickMs ?? 100)
  }

  emit(event: string, payload: unknown): void {
    for (const l of this.listeners) l(event, payload)
  }

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    const spec = invokeContract[channel as InvokeChannel]
    if (!spec) return err('validation', `Unknown channel ${channel}`)
    const parsed = spec.input.safeParse(input)
    if (!parsed.success)
      return err('validation', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    const handler = this.handlers[channel as InvokeChannel] as Handler | undefined
    if (!handler) return err('unavailable', `${channel} is not scripted`)
    try {
      const value = await handler(parsed.data as never)
      const out = spec.output.safeParse(value)
      if (!out.success)
        return err('internal', `scripted ${channel} broke its own contract: ${out.error.message}`)
      return ok(out.data)
    } catch (e) {
      if (e instanceof AppError) return err(e.kind, e.message)
      return err('internal', e instanceof Error ? e.message : String(e))
    }
  }

  async close(): Promise<void> {
    this.pipeline.stop()
    for (const w of this.watchers.values()) w.close()
    this.listeners.clear()
  }

  /** Queues files as if `uploads:add-paths` had been called (for seeding). */
  private queueFiles(paths: string[], defaults: { boardId?: string; titleTemplate?: string }) {
    const { files, problems } = scanPaths(paths)
    const known = new Set([...this.pipeline.items.values()].map((i) => `${i.path}|${i.boardId}`))
    const fresh = files.filter((f) => !known.has(`${f.path}|${defaults.boardId}`))
    const batchId = fresh.length > 0 ? this.pipeline.newBatch() : undefined
    fresh.forEach((f, i) => {
      this.pipeline.add(batchId!, {
        name: basename(f.path),
        path: f.path,
        kind: f.kind,
        bytesTotal: f.size,
        title: titleFor(defaults.titleTemplate, f.path, i + 1),
        boardId: defaults.boardId,
        boardName: this.pipeline.boardName(defaults.boardId),
      })
    })
    return {
      ...(batchId !== undefined ? { batchId } : {}),
      queued: fresh.length,
      duplicates: files.length - fresh.length,
      problems,
    }
  }

  private startWatcher(view: WatchView): void {
    const w = watch(view.folder, (_type, name) => {
      if (name === null || name.startsWith('.')) return
      const full = join(view.folder, name)
      void stat(full).then(
        (st) => {
          if (!st.isFile()) return
          const already = [...this.pipeline.items.values()].some((i) => i.path === full)
          if (already) return
          this.queueFiles([full], { boardId: view.boardId })
          Object.assign(view, { lastFile: name })
          this.emit('watch:changed', this.watches)
        },
        () => undefined,
      )
    })
    this.watchers.set(view.id, w)
  }

  private readonly handlers: {
    [C in InvokeChannel]?: (input: (typeof invokeContract)[C]['input']['_zod']['output']) => unknown
  } = {
    'account:get': () => this.account,
    'account:save-app': (i) => {
      this.appSecret ||= i.appSecret !== undefined
      this.account = {
        ...this.account,
        appId: i.appId,
        hasAppSecret: this.appSecret,
        environment: i.environment,
        redirectUri: `http://localhost:${i.port}/`,
      }
      return this.account
    },
    'account:connect': () =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          this.connectAbort = null
          this.account = {
            ...this.account,
            status: 'connected',
            username: 'pinload-tester',
            accountType: 'BUSINESS',
            tokenSource: 'oauth',
          }
          this.emit('account:changed', this.account)
          resolve(this.account)
        }, this.connectDelayMs)
        this.connectAbort = () => {
          clearTimeout(t)
          reject(new Error('cancelled'))
        }
      }).catch((e: unknown) => {
        if (e instanceof Error && e.message === 'cancelled')
          throw new AppError('cancelled', 'Sign-in cancelled.')
        throw e
      }),
    'account:cancel-connect': () => {
      this.connectAbort?.()
      this.connectAbort = null
      return null
    },
    'account:use-token': (i) => {
      this.account = {
        ...this.account,
        status: 'connected',
        environment: i.environment,
        username: 'token-user',
        tokenSource: 'pasted',
      }
      return this.account
    },
    'account:sign-out': () => {
      this.account = { ...this.account, status: 'signed_out', username: undefined, tokenSource: undefined }
      return this.account
    },
    'boards:list': () => this.boards,
    'boards:create': (i) => {
      const b = { id: String(2000 + this.nextId++), name: i.name, privacy: i.privacy ?? 'PUBLIC' }
      this.boards.push(b)
      return b
    },
    'boards:sections': (i) => this.sections.get(i.boardId) ?? [],
    'boards:create-section': (i) => {
      const s = { id: String(5000 + this.nextId++), name: i.name }
      this.sections.set(i.boardId, [...(this.sections.get(i.boardId) ?? []), s])
      return s
    },
    'uploads:add-paths': (i) => this.queueFiles(i.paths, i.defaults),
    'uploads:list': (i) => {
      // Same paging as main: ids after `afterId`, in id order, at most `limit`.
      const all = [...this.pipeline.items.values()]
        .filter((it) => it.id > (i.afterId ?? 0))
        .sort((a, b) => a.id - b.id)
      return { items: i.limit === undefined ? all : all.slice(0, i.limit), totals: this.pipeline.totals() }
    },
    'uploads:pause-all': () => {
      this.pipeline.paused = true
      return this.pipeline.totals()
    },
    'uploads:resume-all': () => {
      this.pipeline.paused = false
      this.pipeline.pausedReason = undefined
      return this.pipeline.totals()
    },
    'uploads:cancel': (i) => this.pipeline.cancel(this.idsFor(i)),
    'uploads:retry': (i) => this.pipeline.retry(this.idsFor(i)),
    'uploads:remove': (i) => {
      this.pipeline.remove(i.itemId)
      return null
    },
    'uploads:thumbnail': async (i) => {
      const it = this.pipeline.items.get(i.itemId)
      if (!it?.path || it.kind !== 'image' || it.bytesTotal > 256 * 1024) return null
      const type = extname(it.path).toLowerCase() === '.png' ? 'image/png' : 'image/jpeg'
      return `data:${type};base64,${(await readFile(it.path)).toString('base64')}`
    },
    'import:csv-preview': (i) => {
      const p = previewCsv(i.path, this.boards, i.createMissingBoards ?? false, `preview-${this.nextId++}`)
      this.previews.set(p.previewId, p)
      return p
    },
    'import:csv-confirm': (i) => {
      const p = this.previews.get(i.previewId)
      if (!p) throw new Error('That preview expired: preview the file again.')
      const valid = p.rows.filter((r) => r.errors.length === 0 && r.draft)
      const batchId = this.pipeline.newBatch()
      for (const r of valid) {
        let boardId = r.draft!.meta.boardId
        if (boardId === undefined && r.boardName !== undefined) {
          const b = { id: String(2000 + this.nextId++), name: r.boardName, privacy: 'PUBLIC' }
          this.boards.push(b)
          boardId = b.id
        }
        this.pipeline.add(batchId, {
          name: basename(r.draft!.path!),
          path: r.draft!.path,
          kind: 'image',
          bytesTotal: 50_000,
          title: r.draft!.meta.title,
          boardId,
          boardName: this.pipeline.boardName(boardId),
        })
      }
      return {
        batchId,
        queued: valid.length,
        duplicates: 0,
        problems: p.rows
          .filter((r) => r.errors.length > 0)
          .map((r) => ({ where: `${basename(p.path)}:${r.line}`, message: r.errors.join(' ') })),
      }
    },
    'watch:list': () => this.watches,
    'watch:add': (i) => {
      const view: WatchView = {
        id: this.nextId++,
        folder: i.folder,
        boardId: i.boardId,
        boardSectionId: i.boardSectionId,
        subfolderBoards: i.subfolderBoards,
        moveDone: i.moveDone,
        status: 'watching',
        problems: [],
      }
      this.watches.push(view)
      this.startWatcher(view)
      return view
    },
    'watch:remove': (i) => {
      this.watchers.get(i.id)?.close()
      const at = this.watches.findIndex((w) => w.id === i.id)
      if (at >= 0) this.watches.splice(at, 1)
      return null
    },
    'settings:get': () => this.settings,
    'settings:set': (i) => (this.settings = { ...this.settings, ...i }),
  }

  private idsFor(i: { itemId?: number; batchId?: number }): number[] {
    if (i.itemId !== undefined) return [i.itemId]
    return [...this.pipeline.items.values()]
      .filter((it) => i.batchId === undefined || it.batchId === i.batchId)
      .map((it) => it.id)
  }
}
