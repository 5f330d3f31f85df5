import { randomUUID } from 'node:crypto'
import { basename, resolve } from 'node:path'
import { CONFIRM_ABOVE_FILES, needsConfirmation, type ConfirmDecision } from '../../shared/confirm-rules'
import type { AddResult, BatchDefaults, Board, InputProblem, ItemDraft } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import type { QueueSink } from '../pipeline/queue-sink'
import { resolveScanBoards, scanPaths } from '../sources/folder-scan'
import type { ScanProgress } from '../sources/folder-walk'
import type { BoardResolver } from '../sources/source-types'
import {
  checkBoardCount,
  checkInterval,
  spreadOverBoards,
  spreadPinCount,
  type BoardSpread,
  type SpreadBoard,
} from './board-spread'
import type { PlanSpec } from '../../shared/schedule/plan-spec'
import { withPlannedTimes } from './schedule-plan'

/** One board of a several-board add: as `board` takes it, with the section chosen for that board (an id). */
export interface BoardTarget {
  board: string
  sectionId?: string
}

/** One request to queue files and folders: the window's drop or pick, or `pinload upload`. */
export interface AddPathsRequest {
  /** Files and folders (folders are scanned recursively); relative paths are taken from the working folder. */
  paths: string[]
  defaults: BatchDefaults
  /**
   * The batch's board as the user typed it (ID, exact name, or name in any case), looked up before anything
   * is scanned; wins over `defaults.boardId`. An unknown board fails the whole request.
   */
  board?: string
  /**
   * Several boards (each as `board` takes it): one item per board for every file, the n-th board's waiting
   * n × `intervalMs` (docs/architecture.md, "Drafts and scheduled items"), in its own section if one is given.
   * Wins over `board`; at most MAX_BOARDS_PER_ADD.
   */
  boards?: BoardTarget[]
  /** With `boards`: ms between one file's Pins on successive boards; one minute to 366 days. */
  intervalMs?: number
  /**
   * Add as drafts: nothing publishes until the user publishes them (`items:publish`, `pinload publish`).
   * Absent: drafts when the window adds more than CONFIRM_ABOVE_FILES Pins, else published.
   */
  draft?: boolean
  /** Post even where the same file is already queued or published on the board. */
  force?: boolean
  /** Where the batch came from: the window (`drop`) or the command (`cli`). */
  origin: 'drop' | 'cli'
  /**
   * The user already said yes (`pinload upload --yes`): queue even where the add would ask first
   * (src/shared/confirm-rules.ts). False: ask, queueing nothing. Absent: the window asks; the command does not
   * until it passes this (its `--yes`).
   */
  confirmed?: boolean
  /**
   * A checked schedule (`pinload upload --every …`, src/main/services/schedule-plan.ts): each file gets its
   * publish time in queue order as it is queued, so no item is ever queued without its time.
   */
  schedule?: PlanSpec
}

/** An add that asks first: nothing was queued; `AddPaths.confirm(scanId)` queues what the scan found. */
export interface PendingConfirmation {
  scanId: string
  decision: ConfirmDecision
  fileCount: number
  /** The Pins the add makes: files × boards (the window offers drafts first above CONFIRM_ABOVE_FILES of them). */
  pinCount: number
  /** The public boards the question names. */
  boards: { id: string; name: string }[]
  /** Whether the add, as asked, makes drafts (the window's add of more than CONFIRM_ABOVE_FILES Pins does). */
  asDrafts: boolean
  /** Whether the answer may choose drafts or published Pins (`offersDraftChoice`): then the window offers both. */
  offersDraftChoice: boolean
}

export interface AddPathsOutcome {
  added: AddResult
  /** The drafts that passed the scan and the board checks, as handed to the queue (new or duplicates). */
  drafts: ItemDraft[]
  /** Set when the add asks first: then nothing was queued and `added` holds the problems only. */
  confirmation?: PendingConfirmation
}

/** The scan's stop switch and progress (the window's Cancel and progress line). */
export interface AddPathsRun {
  signal?: AbortSignal
  onProgress?: (p: ScanProgress) => void
}

export interface AddPathsDeps {
  sink: QueueSink
  /** A resolver that never creates boards, for this request; null when not connected to Pinterest. */
  resolver: () => BoardResolver | null
  /** The boards with these ids as Pinterest lists them (name, privacy); those it cannot find are left out. */
  boardsById?: (ids: string[]) => Promise<Board[]>
}

interface PendingAdd {
  drafts: ItemDraft[]
  problems: InputProblem[]
  origin: AddPathsRequest['origin']
  label: string
  expiresAt: number
  /** One item per board for every draft, spaced (added as the batch is queued). */
  spread?: BoardSpread
  asDrafts?: boolean
  /** What the user chose (`AddPathsRequest.draft`); absent when the add took the default. */
  draftChosen?: boolean
  schedule?: PlanSpec
}

/** A pending confirmation is kept this long, and only the latest few. */
const PENDING_MS = 30 * 60_000
const PENDING_MAX = 4

/** Whether a template of the batch names the board (templates.ts). */
const usesBoard = (d: BatchDefaults) =>
  [d.titleTemplate, d.description, d.link, d.altText].some((t) => t?.includes('{board}'))

/** The Pins an add makes: one per file and board (a file whose sidecar names its own board: one). */
const pinCount = (p: PendingAdd) => spreadPinCount(p.drafts, p.spread)

/**
 * Whether the question may be answered with drafts or published Pins: many Pins, unless the user already chose
 * drafts ("Add as drafts", `--draft`). An add that took the default (a drop on the Add screen) is offered both,
 * drafts first, so a large drop never turns into drafts without the user seeing it.
 */
const offersDraftChoice = (p: PendingAdd) => p.draftChosen !== true && pinCount(p) > CONFIRM_ABOVE_FILES

const needsBoard = (d: ItemDraft) => !d.meta.boardId && !d.meta.adAccountId && !d.meta.adOnly

/**
 * Adding files and folders to the queue, for the window and the command alike: the batch's board looked
 * up, the paths scanned, sidecar board names resolved, files without a board reported, the rest queued as
 * one batch.
 */
export class AddPaths {
  private readonly pending = new Map<string, PendingAdd>()

  constructor(private readonly deps: AddPathsDeps) {}

  async add(req: AddPathsRequest, run: AddPathsRun = {}): Promise<AddPathsOutcome> {
    // One board listing serves the batch's board and every sidecar name, and none is made when unneeded.
    let resolver: BoardResolver | null | undefined
    const lookup = () => (resolver === undefined ? (resolver = this.deps.resolver()) : resolver)
    const defaults: BatchDefaults = { ...req.defaults }
    // An ad-only Pin is on no board (docs/pinterest-api.md §3.1a): asking for both is a mistake to name, not guess.
    if (
      (defaults.adOnly === true || defaults.adAccountId !== undefined) &&
      (req.board !== undefined || (req.boards?.length ?? 0) > 0 || defaults.boardId !== undefined)
    )
      throw new AppError(
        'validation',
        req.origin === 'cli'
          ? '--ad-only Pins are on no board: leave out --board, or --ad-only and --ad-account.'
          : 'Ad-only Pins are on no board: choose either a board or "Ad-only, not on your profile".',
      )
    if (req.board !== undefined) {
      const r = lookup()
      if (!r) throw new AppError('auth', `Cannot look up board '${req.board}': not connected to Pinterest.`)
      const found = await r.resolve(req.board)
      if ('error' in found) throw new AppError('not_found', found.error)
      defaults.boardId = found.id
    }
    checkInterval(req.intervalMs, req.origin === 'cli' ? '--interval' : 'The interval between boards')
    checkBoardCount(req.boards?.length ?? 0, req.origin === 'cli' ? '--board' : 'The batch')
    const boards = await this.boardIds(req.boards, lookup)
    if (boards[0] !== undefined) {
      // The batch's section stays only on its own board; each board of `boards` may name its own.
      const section =
        boards[0].sectionId ?? (defaults.boardId === boards[0].boardId ? defaults.boardSectionId : undefined)
      defaults.boardId = boards[0].boardId
      delete defaults.boardSectionId
      if (section !== undefined) defaults.boardSectionId = section
    }
    // The text is filled once per file and copied to each board's Pin: a board's name would be the first's on all.
    if (boards.length > 1 && usesBoard(defaults))
      throw new AppError(
        'validation',
        '{board} in a template names one board, and this add posts to several: leave {board} out, or add the files once per board.',
      )
    const paths = req.paths.map((p) => resolve(p))
    const scanned = await scanPaths(
      paths,
      defaults,
      {
        ...(run.signal && { signal: run.signal }),
        ...(run.onProgress && { onProgress: run.onProgress }),
      },
      { board: await this.boardName(req.board ?? req.boards?.[0]?.board, defaults) },
    )
    const sidecarNames =
      scanned.boardNames?.some(Boolean) === true || scanned.sectionNames?.some(Boolean) === true
    const resolved = await resolveScanBoards(scanned, sidecarNames ? lookup() : null)
    const problems: InputProblem[] = [...resolved.problems]
    const drafts: ItemDraft[] = []
    for (const d of resolved.drafts) {
      if (!needsBoard(d)) drafts.push(req.force ? { ...d, force: true } : d)
      else
        problems.push({
          where: d.path ?? d.url ?? '',
          message: `No board chosen for ${basename(d.path ?? d.url ?? '')}`,
          fix: 'Pick a board for the batch, or name one in a sidecar file.',
        })
    }
    if (drafts.length === 0) return { added: { queued: 0, duplicates: 0, problems }, drafts }
    const label = paths.length === 1 ? basename(paths[0]!) : `${paths.length} items`
    const pending: PendingAdd = {
      drafts,
      problems,
      origin: req.origin,
      label,
      expiresAt: 0,
      ...(req.schedule && { schedule: req.schedule }),
    }
    if (boards.length > 1) pending.spread = { boards, intervalMs: req.intervalMs ?? 0 }
    const pins = pinCount(pending)
    pending.asDrafts = req.draft ?? (req.origin === 'drop' && pins > CONFIRM_ABOVE_FILES)
    if (req.draft !== undefined) pending.draftChosen = req.draft
    const confirmed = req.confirmed === true
    if (!confirmed) {
      const confirmation = await this.decide(pending)
      if (confirmation) return { added: { queued: 0, duplicates: 0, problems }, drafts: [], confirmation }
    }
    return this.enqueue(pending)
  }

  /**
   * What `{board}` in a template becomes: the name the user typed, else the name Pinterest lists (asked only when
   * a template uses it), else undefined (the scan then uses the id).
   */
  private async boardName(typed: string | undefined, d: BatchDefaults): Promise<string | undefined> {
    if (d.boardId === undefined) return undefined
    if (typed !== undefined && !/^\d+$/.test(typed)) return typed
    if (!usesBoard(d)) return undefined
    const known = await this.deps.boardsById?.([d.boardId]).catch(() => [])
    return known?.[0]?.name
  }

  /**
   * Queues what the scan `scanId` found, after the user said yes; each scan once. `draft` answers the question
   * with drafts or published Pins instead of what the add asked, and only where the question offered that
   * choice (`offersDraftChoice`: more than CONFIRM_ABOVE_FILES Pins asked to publish); elsewhere it is refused
   * and the add keeps waiting for its answer.
   */
  confirm(scanId: string, draft?: boolean): AddPathsOutcome {
    const pending = this.pending.get(scanId)
    if (!pending || pending.expiresAt < Date.now()) {
      this.pending.delete(scanId)
      throw new AppError('not_found', 'That add is no longer waiting for an answer: add the files again.')
    }
    if (draft !== undefined && draft !== pending.asDrafts && !offersDraftChoice(pending))
      throw new AppError(
        'validation',
        `That add asked about ${pending.asDrafts ? 'drafts' : 'publishing'} only: answer yes or no, or add the files again.`,
      )
    this.pending.delete(scanId)
    return this.enqueue(draft === undefined ? pending : { ...pending, asDrafts: draft })
  }

  private enqueue(p: PendingAdd): AddPathsOutcome {
    const planned = p.schedule ? withPlannedTimes(p.drafts, p.schedule) : p.drafts
    const drafts = p.spread ? spreadOverBoards(planned, p.spread, Date.now()) : planned
    const { batchId, queued, duplicates } = this.deps.sink.enqueue(
      drafts,
      { kind: p.origin, label: p.label },
      { asDrafts: p.asDrafts === true },
    )
    return {
      added: {
        batchId,
        queued,
        duplicates,
        problems: p.problems,
        ...(p.asDrafts === true && { drafts: true }),
      },
      drafts,
    }
  }

  /**
   * The boards named by id or name, each looked up once; an unknown board, or one named twice (by id or
   * name), fails the whole request.
   */
  private async boardIds(
    targets: BoardTarget[] | undefined,
    lookup: () => BoardResolver | null,
  ): Promise<SpreadBoard[]> {
    const out: SpreadBoard[] = []
    for (const { board, sectionId } of targets ?? []) {
      const r = lookup()
      if (!r) throw new AppError('auth', `Cannot look up board '${board}': not connected to Pinterest.`)
      const found = await r.resolve(board)
      if ('error' in found) throw new AppError('not_found', found.error)
      // Named twice, a board would count as two (an interval between them, a limit reached): said, not guessed.
      if (out.some((b) => b.boardId === found.id))
        throw new AppError(
          'validation',
          `The board '${board}' is named twice: name each board once (nothing was queued).`,
        )
      out.push({ boardId: found.id, ...(sectionId !== undefined && { sectionId }) })
    }
    return out
  }

  /** Whether the add asks first (more than 500 files, a public board): then it is kept for `confirm`. */
  private async decide(p: PendingAdd): Promise<PendingConfirmation | null> {
    const ids = [
      ...new Set([
        ...p.drafts.flatMap((d) => (d.meta.boardId ? [d.meta.boardId] : [])),
        ...(p.spread?.boards.map((b) => b.boardId) ?? []),
      ]),
    ]
    let known: Board[] = []
    try {
      known = (await this.deps.boardsById?.(ids)) ?? []
    } catch {
      // Boards not listed now: each counts as public (confirm-rules.ts), so the add asks rather than assumes.
    }
    const boards = ids.map((id) => {
      const b = known.find((k) => k.id === id)
      return b
        ? { id, name: b.name, ...(b.privacy !== undefined && { privacy: b.privacy }) }
        : { id, name: id }
    })
    // Each add is a batch of its own, so no board has been posted to in it yet.
    const choice = offersDraftChoice(p)
    const decision = needsConfirmation({
      fileCount: pinCount(p),
      fromFiles: p.drafts.length,
      boards,
      postedBoardIds: [],
      // Offered both, the question names neither; the buttons say drafts or publish.
      drafts: choice ? 'either' : p.asDrafts === true,
    })
    if (!decision.needed) return null
    const now = Date.now()
    for (const [id, old] of this.pending) if (old.expiresAt < now) this.pending.delete(id)
    while (this.pending.size >= PENDING_MAX) this.pending.delete(this.pending.keys().next().value!)
    const scanId = randomUUID()
    this.pending.set(scanId, { ...p, expiresAt: now + PENDING_MS })
    const named = decision.reasons.flatMap((r) =>
      r.kind === 'public_board' ? [{ id: r.boardId, name: r.boardName }] : [],
    )
    return {
      scanId,
      decision,
      fileCount: p.drafts.length,
      pinCount: pinCount(p),
      boards: named,
      asDrafts: p.asDrafts === true,
      offersDraftChoice: choice,
    }
  }
}
