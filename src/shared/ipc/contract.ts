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
import type { BatchDoneEvent, ProgressEvent } from '../progress-events'

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
/** A CSV preview's id: a UUID from the import service. */
const previewId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/)

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

  /** Queues dropped or picked files and folders (scanned recursively). */
  'uploads:add-paths': {
    input: z.strictObject({ paths: z.array(path).min(1).max(10_000), defaults: BatchDefaults }),
    output: AddResult,
  },
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
  'uploads:cancel': {
    input: z.strictObject({ itemId: id.optional(), batchId: id.optional() }),
    output: z.number().int(),
  },
  'uploads:retry': {
    input: z.strictObject({ itemId: id.optional(), batchId: id.optional(), force: z.boolean().optional() }),
    output: z.number().int(),
  },
  'uploads:remove': { input: z.strictObject({ itemId: id }), output: z.null() },
  /** Reads a small preview of a local image for the row thumbnail, as a data: URL (null if not an image). */
  'uploads:thumbnail': { input: z.strictObject({ itemId: id }), output: z.string().nullable() },

  'import:csv-preview': {
    input: z.strictObject({ path, createMissingBoards: z.boolean().optional() }),
    output: CsvPreview,
  },
  'import:csv-confirm': { input: z.strictObject({ previewId }), output: AddResult },

  'watch:list': { input: none, output: z.array(WatchView) },
  'watch:add': {
    input: z.strictObject({
      folder: path,
      boardId: PinterestId.optional(),
      boardSectionId: PinterestId.optional(),
      subfolderBoards: z.boolean(),
      moveDone: z.boolean(),
    }),
    output: WatchView,
  },
  'watch:remove': { input: z.strictObject({ id }), output: z.null() },

  'settings:get': { input: none, output: Settings },
  'settings:set': { input: Settings.partial().strict(), output: Settings },

  'dialog:pick-folder': { input: none, output: z.string().nullable() },
  'dialog:pick-csv': { input: none, output: z.string().nullable() },
  /** Opens a Pin (or Pinterest help) link in the system browser after checking it is https on pinterest.com. */
  'shell:open-external': { input: z.strictObject({ url: z.string().url().max(2048) }), output: z.null() },

  /** Whether the app runs the built-in demo (README.md, "Try it without a Pinterest account"). */
  'app:mode': { input: none, output: z.strictObject({ demo: z.boolean() }) },
  /** Quits and starts the app again in the demo (its own throwaway data); nothing of the user's is touched. */
  'app:start-demo': { input: none, output: z.null() },
  /** Quits the demo (its data goes with it) and starts the app again as usual. */
  'app:leave-demo': { input: none, output: z.null() },
} as const

/** Pushes (main → renderer), each with the schema of its payload; main builds them, so only their types are used. */
interface EventContract {
  'uploads:progress': typeof ProgressEvent
  'account:changed': typeof AccountView
  'watch:changed': z.ZodArray<typeof WatchView>
  'uploads:batch-done': typeof BatchDoneEvent
}

export type InvokeChannel = keyof typeof invokeContract
export type EventChannel = keyof EventContract
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>
export type EventPayload<E extends EventChannel> = z.output<EventContract[E]>
