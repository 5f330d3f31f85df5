import { z } from 'zod'
import {
  AccountView,
  AddResult,
  BatchDefaults,
  Board,
  BoardSection,
  CsvPreview,
  Environment,
  PinterestId,
  ItemView,
  QueueTotals,
  Settings,
  WatchView,
} from '../domain'
import { MAX_BOARD_INTERVAL_MS } from '../limits'
import { WriteBudget } from '../write-budget'
import type { BatchDoneEvent, ProgressEvent } from '../progress-events'
import { planInvokeContract, type ItemPatchInput } from './plan-contract'
import { resultsInvokeContract } from './results-contract'
import type { AppCommand } from '../app-commands'

/**
 * The one IPC contract. Invokes are `domain:verb` (renderer → main, answered with a Result);
 * events are `domain:event` (main → renderer pushes). Every input object, nested ones too, is strict so that
 * an extra field is a validation error, not silently ignored; every string has a maximum length, board and
 * section ids are digits only, and every number has a range (tests/unit/ipc-contract-strict.test.ts walks them).
 */
const none = z.strictObject({})
/** A queue row id (item or batch): SQLite's rowids start at 1. */
const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
const path = z.string().min(1).max(4096)
/** A schedule as typed in the window (src/shared/schedule/plan-spec.ts checks it in main). */
const PlanInput = z.strictObject({
  /** ISO 8601 date-time; without an offset it is read in `tz`. */
  start: z.string().max(64).optional(),
  /** A duration: 15m, 2h, 1d. */
  every: z.string().max(32).optional(),
  perDay: z.string().max(8).optional(),
  /** HH:MM-HH:MM */
  window: z.string().max(32).optional(),
  jitter: z.string().max(32).optional(),
  /** IANA time zone name. */
  tz: z.string().max(64).optional(),
})
const spacingMs = z
  .number()
  .int()
  .min(0)
  .max(366 * 86_400_000)
/** One account's pacing rules (src/shared/schedule/pacing.ts); durations in ms, 0 = off. */
const PaceRules = z.strictObject({
  dailyCap: z.number().int().min(0).max(10_000),
  linkSpacingMs: spacingMs,
  sameFileSpacingMs: spacingMs,
  lateAfterMs: spacingMs,
})
const refusedItems = z.array(z.strictObject({ id: z.number().int(), message: z.string() }))
/** A CSV preview's id: a UUID from the import service. */
const previewId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/)
/**
 * A path capability (issue 11, finding 2): an opaque id main handed out for a path its own dialog returned or
 * the preload read off a dropped file. The window names files only by these, never by a path string.
 */
const grantId = z
  .string()
  .min(16)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)
/** What the window learns of a granted path: the id to pass back, and what to show. */
const PathGrant = z.strictObject({ grant: grantId, name: z.string(), displayPath: z.string() })
/** A folder scan's id while its confirmation is pending (src/main/services/add-paths.ts). */
const scanId = previewId
/** How far a scan of dropped or picked paths has got (src/main/sources/folder-walk.ts). */
export const ScanProgress = z.union([
  z.strictObject({ stage: z.literal('listing'), files: z.number().int(), folders: z.number().int() }),
  z.strictObject({ stage: z.literal('checking'), done: z.number().int(), total: z.number().int() }),
])
/** An add that asks first (src/shared/confirm-rules.ts): nothing is queued until `uploads:confirm-add`. */
const AddConfirmation = z.strictObject({
  scanId,
  question: z.string(),
  fileCount: z.number().int(),
  /** The Pins the add makes (files × boards): above CONFIRM_ABOVE_FILES the window offers drafts first. */
  pinCount: z.number().int(),
  /** The public boards the question names. */
  boards: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  /** The add as asked makes drafts (the window's add of more than CONFIRM_ABOVE_FILES Pins does by default). */
  asDrafts: z.boolean(),
  /** The answer may choose drafts or published Pins: the window offers both, drafts first. */
  offersDraftChoice: z.boolean(),
})

/** One Pinterest account Pinload knows (issue 15): keyed `<environment>:<username>`. */
const KnownAccount = z.strictObject({
  key: z.string(),
  environment: Environment,
  username: z.string(),
  status: z.enum(['signed_out', 'connected', 'needs_sign_in']),
  /** The account new batches go to. */
  current: z.boolean(),
})

export const invokeContract = {
  'account:get': { input: none, output: AccountView },
  /** Stores the user's App ID and secret (secret goes to the keychain) and the loopback port. */
  'account:save-app': {
    input: z.strictObject({
      appId: z.string().trim().min(1).max(64),
      appSecret: z.string().min(1).max(256).optional(),
      port: z.number().int().min(1024).max(65535),
      environment: Environment,
      secretBoards: z.boolean(),
    }),
    output: AccountView,
  },
  /** Runs the OAuth flow in the system browser; resolves when signed in, cancelled or timed out. */
  'account:connect': { input: none, output: AccountView },
  'account:cancel-connect': { input: none, output: z.null() },
  /** The accounts Pinload knows, for the switcher (issue 15). */
  'accounts:list': { input: none, output: z.array(KnownAccount) },
  /** Makes an account the one new batches go to; queued items keep theirs. */
  'accounts:use': { input: z.strictObject({ key: z.string().min(1).max(200) }), output: AccountView },
  /** Uses a pasted access token (e.g. a sandbox token from the app's page). */
  'account:use-token': {
    input: z.strictObject({ token: z.string().min(8).max(4096), environment: Environment }),
    output: AccountView,
  },
  'account:sign-out': { input: none, output: AccountView },

  'boards:list': { input: z.strictObject({ refresh: z.boolean().optional() }), output: z.array(Board) },
  'boards:create': {
    input: z.strictObject({
      name: z.string().trim().min(1).max(180),
      privacy: z.enum(['PUBLIC', 'PROTECTED', 'SECRET']).optional(),
    }),
    output: Board,
  },
  'boards:sections': { input: z.strictObject({ boardId: PinterestId }), output: z.array(BoardSection) },
  'boards:create-section': {
    input: z.strictObject({ boardId: PinterestId, name: z.string().trim().min(1).max(180) }),
    output: BoardSection,
  },

  /**
   * Scans granted files and folders (recursively, reporting `uploads:scan-progress`) and queues them, or, when
   * the add asks first (more than 500 files, a public board), queues nothing and answers the question.
   */
  'uploads:add-paths': {
    input: z.strictObject({
      grants: z.array(grantId).min(1).max(10_000),
      defaults: BatchDefaults,
      /** Add as drafts (nothing publishes until `items:publish`); absent: drafts only above CONFIRM_ABOVE_FILES. */
      draft: z.boolean().optional(),
      /**
       * One item per board for every file, each in its own section when one is chosen there (wins over
       * `defaults.boardId`); more than MAX_BOARDS_PER_ADD is refused by the add with a message saying so.
       */
      boards: z
        .array(z.strictObject({ boardId: PinterestId, sectionId: PinterestId.optional() }))
        .min(1)
        .max(1000)
        .optional(),
      /**
       * Between the items of one file on successive boards, ms; one minute to MAX_BOARD_INTERVAL_MS (the add
       * says so otherwise).
       */
      intervalMs: z
        .number()
        .int()
        .min(0)
        .max(100 * MAX_BOARD_INTERVAL_MS)
        .optional(),
      /** Each file's publish time from this schedule, as it is queued (the add's schedule panel). */
      schedule: PlanInput.optional(),
    }),
    output: z.union([z.strictObject({ added: AddResult }), z.strictObject({ confirm: AddConfirmation })]),
  },
  /** Queues exactly what a scan that asked first found: the user said yes. */
  /** `draft` answers with drafts (true) or published Pins (false) instead of what the add asked. */
  'uploads:confirm-add': {
    input: z.strictObject({ scanId, draft: z.boolean().optional() }),
    output: AddResult,
  },
  /** Stops this window's running scan (the add answers with kind `cancelled`); false when none runs. */
  'uploads:cancel-scan': { input: none, output: z.boolean() },
  /**
   * Items in queue order, a page at a time: those with id > `afterId` (default 0), at most `limit`
   * (default all). The window asks for one screenful first so 10,000 queued items render at once.
   */
  'uploads:list': {
    input: z.strictObject({
      afterId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
    output: z.strictObject({ items: z.array(ItemView), totals: QueueTotals }),
  },
  'uploads:pause-all': { input: none, output: QueueTotals },
  'uploads:resume-all': { input: none, output: QueueTotals },
  /** Pauses (`paused: true`) or resumes one batch; items already moving finish (src/main/pipeline/batch-pause.ts). */
  'uploads:pause-batch': { input: z.strictObject({ batchId: id, paused: z.boolean() }), output: QueueTotals },
  'uploads:cancel': {
    input: z.strictObject({ itemId: id.optional(), batchId: id.optional() }),
    output: z.number().int(),
  },
  'uploads:retry': {
    input: z.strictObject({ itemId: id.optional(), batchId: id.optional(), force: z.boolean().optional() }),
    output: z.number().int(),
  },
  'uploads:remove': { input: z.strictObject({ itemId: id }), output: z.null() },
  /** The selection bar's Retry: every retryable item of these ids in one request; answers how many went back. */
  'uploads:retry-ids': {
    input: z.strictObject({ ids: z.array(id).min(1).max(100_000) }),
    output: z.number().int(),
  },
  /** The selection bar's Remove (after its Undo): answers the ids left, a Pin being created among them. */
  'uploads:remove-ids': {
    input: z.strictObject({ ids: z.array(id).min(1).max(100_000) }),
    output: z.array(z.number().int()),
  },
  // items:edit, items:publish (issue 13).
  ...planInvokeContract,
  /**
   * Reads a small preview of a local image for the row thumbnail, as a data: URL: null unless the item passed
   * pre-flight (so the window cannot read a file by queueing it), or when not a small JPEG/PNG.
   */
  'uploads:thumbnail': { input: z.strictObject({ itemId: id }), output: z.string().nullable() },
  /**
   * Joins 2–5 image items not yet sent, in this order, into one carousel item (issue 13; src/main/services/
   * make-carousel.ts): the items are cancelled and the new item takes their place, a draft if they were drafts.
   */
  'items:make-carousel': {
    input: z.strictObject({ ids: z.array(id).min(2).max(5) }),
    output: z.strictObject({ itemId: z.number().int(), batchId: z.number().int() }),
  },

  'import:csv-preview': {
    input: z.strictObject({
      grant: grantId,
      createMissingBoards: z.boolean().optional(),
      /** A board name the account lacks, matched once by the user to one of its boards for all its rows. */
      boardMatches: z
        .array(z.strictObject({ name: z.string().min(1).max(180), boardId: PinterestId }))
        .max(1000)
        .optional(),
    }),
    output: CsvPreview,
  },
  /** `draft`: queue the rows as drafts (the window offers them first above CONFIRM_ABOVE_FILES rows). */
  'import:csv-confirm': {
    input: z.strictObject({ previewId, draft: z.boolean().optional() }),
    output: AddResult,
  },
  /** Saves a CSV template where the user picks in main's save dialog; `saved` false: cancelled. */
  'import:save-template': {
    input: none,
    output: z.strictObject({ saved: z.boolean(), fileName: z.string().optional() }),
  },

  'watch:list': { input: none, output: z.array(WatchView) },
  'watch:add': {
    input: z.strictObject({
      grant: grantId,
      boardId: PinterestId.optional(),
      boardSectionId: PinterestId.optional(),
      subfolderBoards: z.boolean(),
      moveDone: z.boolean(),
    }),
    output: WatchView,
  },
  'watch:remove': { input: z.strictObject({ id }), output: z.null() },

  /**
   * Plans the times of these items (in this order) or of a batch; drafts stay drafts unless `publish`.
   * A bad schedule is a `validation` error naming the field; items not waiting are refused by id.
   */
  'schedule:apply': {
    input: z.strictObject({
      ids: z.array(id).min(1).max(10_000).optional(),
      batchId: id.optional(),
      plan: PlanInput,
      publish: z.boolean().optional(),
    }),
    output: z.strictObject({
      scheduled: z.number().int(),
      firstAt: z.number().nullable(),
      refused: refusedItems,
    }),
  },
  /** Takes the time off waiting items; they rest as drafts until published. */
  'schedule:unschedule': {
    input: z.strictObject({ ids: z.array(id).min(1).max(10_000) }),
    output: z.strictObject({ unscheduled: z.number().int(), refused: refusedItems }),
  },
  /** Items that missed their time by more than the account's limit and wait for the user. */
  'schedule:late': {
    input: none,
    output: z.array(z.strictObject({ id: z.number().int(), name: z.string(), publishAt: z.number() })),
  },
  /** Publishes late items after all (these, or every one), at the pacing rules' pace. */
  'schedule:catch-up': {
    input: z.strictObject({ ids: z.array(id).min(1).max(10_000).optional() }),
    output: z.strictObject({ caughtUp: z.number().int() }),
  },
  'pacing:get': { input: none, output: PaceRules },
  'pacing:set': { input: PaceRules.partial().strict(), output: PaceRules },

  'settings:get': { input: none, output: Settings },
  'settings:set': { input: Settings.partial().strict(), output: Settings },
  /** What the write limit leaves now for the account in use (issue 14): Standard per minute, Trial per day. */
  'rate:write-budget': { input: none, output: WriteBudget },

  /** The OS folder dialog; what the user picks is granted to this window (null: cancelled). */
  'dialog:pick-folder': { input: none, output: PathGrant.nullable() },
  'dialog:pick-csv': { input: none, output: PathGrant.nullable() },
  /** One image file (a video Pin's cover); null when the user cancelled. */
  'dialog:pick-image': { input: none, output: PathGrant.nullable() },
  /** The OS file dialog for images and videos (Add files…), each granted to this window; empty: cancelled. */
  'dialog:pick-files': { input: none, output: z.array(PathGrant) },
  ...resultsInvokeContract,
  /**
   * Grants the paths the preload read off dropped `File`s (Electron's webUtils.getPathForFile). Preload only:
   * not in the page's allow-list (PRELOAD_CHANNEL_NAMES), so page script cannot turn a string into a grant.
   */
  'paths:grant-dropped': {
    input: z.strictObject({ paths: z.array(path).min(1).max(10_000) }),
    output: z.array(PathGrant),
  },
  /** Opens a Pin (or Pinterest help) link in the system browser after checking it is https on pinterest.com. */
  'shell:open-external': { input: z.strictObject({ url: z.string().url().max(2048) }), output: z.null() },

  /** Whether the app runs the built-in demo (README.md, "Try it without a Pinterest account"). */
  'app:mode': { input: none, output: z.strictObject({ demo: z.boolean() }) },
  /** Quits and starts the app again in the demo (its own throwaway data); nothing of the user's is touched. */
  'app:start-demo': { input: none, output: z.null() },
  /** Quits the demo (its data goes with it) and starts the app again as usual. */
  'app:leave-demo': { input: none, output: z.null() },
  /** Shows the data folder in the system's file manager (Settings → Reveal); the window never names a path. */
  'app:reveal-data-folder': { input: none, output: z.null() },
} as const

/** Pushes (main → renderer), each with the schema of its payload; main builds them, so only their types are used. */
interface EventContract {
  'uploads:progress': typeof ProgressEvent
  'account:changed': typeof AccountView
  'watch:changed': z.ZodArray<typeof WatchView>
  'uploads:batch-done': typeof BatchDoneEvent
  'uploads:scan-progress': typeof ScanProgress
  /** A menu item or its shortcut (src/main/shell/app-menu.ts): the window runs the command. */
  'app:command': z.ZodType<AppCommand>
}

export type InvokeChannel = keyof typeof invokeContract
/** Channels only the preload sends (ipc/channels.ts, PRELOAD_CHANNEL_NAMES); never the page. */
export type PreloadChannel = 'paths:grant-dropped'
/** What page script may invoke through `window.api`. */
export type PageChannel = Exclude<InvokeChannel, PreloadChannel>
export type EventChannel = keyof EventContract
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>
export type EventPayload<E extends EventChannel> = z.output<EventContract[E]>
export type PathGrant = z.output<typeof PathGrant>
export type ScanProgress = z.output<typeof ScanProgress>
export type AddConfirmation = z.output<typeof AddConfirmation>
export type PlanInputValue = z.output<typeof PlanInput>
export type ItemEditPatch = z.output<typeof ItemPatchInput>
