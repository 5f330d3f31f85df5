import type {
  AccountView,
  AddResult,
  Board,
  BoardSection,
  CsvPreview,
  ItemView,
  QueueTotals,
  Settings,
  WatchView,
} from '../../../shared/domain'
import type { PathGrant } from '../../../shared/ipc/contract'
import type { ProgressEvent } from '../../../shared/progress-events'

/** The screens of the window, in nav order. */
export type Screen = 'queue' | 'review' | 'timeline' | 'add' | 'import' | 'watch' | 'account' | 'settings'

/** Queue filters: which states each one shows is in `queue-filter.ts`. */
export type QueueFilter = 'all' | 'active' | 'failed' | 'attention' | 'published'

export interface AccountSlice {
  account: AccountView | null
  /** True while `account:connect` waits for the browser. */
  connecting: boolean
  setAccount: (account: AccountView) => void
  setConnecting: (connecting: boolean) => void
}

export interface QueueSlice {
  items: Record<number, ItemView>
  /** Item ids in queue order (ascending id = the order they were added). */
  ids: number[]
  totals: QueueTotals
  filter: QueueFilter
  queueLoaded: boolean
  setQueue: (items: ItemView[], totals: QueueTotals) => void
  /** Adds a further page of the list (items already known and newer are kept). */
  mergeItems: (items: ItemView[]) => void
  /** Applies one coalesced flush from main as a single store update. */
  applyProgress: (event: ProgressEvent) => void
  setTotals: (totals: QueueTotals) => void
  setFilter: (filter: QueueFilter) => void
}

export interface BoardsSlice {
  boards: Board[]
  boardsLoaded: boolean
  /** True while `boards:list` is asked. */
  boardsLoading: boolean
  /** Why the last list failed (shown in the board picker with Try again); null after a good one. */
  boardsError: string | null
  /** When the list was last read (epoch ms), for "updated 2 min ago". */
  boardsUpdatedAt: number | null
  /** Sections by board id, once loaded. */
  sections: Record<string, BoardSection[]>
  /**
   * Names of every board listed this session, by id, whichever account listed it: a queue row of an account
   * not in use names its board once that account's boards were listed (issue 15; board ids are Pinterest's own).
   */
  boardNames: Record<string, string>
  setBoards: (boards: Board[]) => void
  setBoardsLoading: (loading: boolean, error?: string) => void
  addBoard: (board: Board) => void
  setSections: (boardId: string, sections: BoardSection[]) => void
  addSection: (boardId: string, section: BoardSection) => void
}

export interface ImportSlice {
  csvPreview: CsvPreview | null
  csvResult: AddResult | null
  setCsvPreview: (preview: CsvPreview | null) => void
  setCsvResult: (result: AddResult | null) => void
}

export interface WatchSlice {
  watches: WatchView[]
  setWatches: (watches: WatchView[]) => void
}

export interface SettingsSlice {
  settings: Settings | null
  setSettings: (settings: Settings) => void
}

/** A button on a toast (Undo, Retry, Open…); running it also dismisses the toast. */
interface ToastAction {
  label: string
  run: () => void
}

export interface Toast {
  id: number
  tone: 'info' | 'success' | 'error'
  text: string
  /** How many times the same message came while this toast was up (shown as ×n, never as n toasts). */
  count: number
  action?: ToastAction
  /** Runs when the toast leaves by itself or is dismissed without its action (an Undo's commit). */
  onExpire?: () => void
}

/** Counts of the last finished batch, for the banner. */
interface BatchDone {
  batchId: number
  /** The batch's folder or file name (see queue-groups.ts). */
  name: string
  published: number
  failed: number
}

export interface UiSlice {
  screen: Screen
  toasts: Toast[]
  batchDone: BatchDone | null
  setScreen: (screen: Screen) => void
  /** Shows a message; the same tone and words again while it is up bump its count instead. Returns its id. */
  pushToast: (
    tone: Toast['tone'],
    text: string,
    extra?: { action?: ToastAction; onExpire?: () => void },
  ) => number
  /** Removes a toast; `acted` = its action ran, so its `onExpire` must not. */
  dismissToast: (id: number, acted?: boolean) => void
  setBatchDone: (done: BatchDone | null) => void
  /** Files and folders dropped or picked, shown in the New batch sheet until queued or closed. */
  newBatch: PathGrant[] | null
  setNewBatch: (grants: PathGrant[] | null) => void
  /** The command palette (⌘K / Ctrl+K) is open. */
  paletteOpen: boolean
  setPaletteOpen: (open: boolean) => void
}

/** How the user looks at the queue: folded groups, the selection, the item in the inspector. */
export interface QueueViewSlice {
  /** Batch ids whose group is folded. */
  collapsed: Record<number, true>
  /** Selected item ids (multi-select: shift-click a range, ⌘/Ctrl-click one more, ⌘/Ctrl-A all shown). */
  selected: Record<number, true>
  /** Where a shift-click range starts. */
  anchorId: number | null
  /** The item the inspector shows, if open. */
  inspectedId: number | null
  /** Items removed with Undo still possible: hidden here, removed in main when the toast goes. */
  hiddenIds: Record<number, true>
  toggleCollapsed: (batchId: number) => void
  /** Replaces the selection (and the anchor, and the inspected item when one item is selected). */
  select: (ids: number[], anchorId?: number | null) => void
  inspect: (id: number | null) => void
  hide: (ids: number[]) => void
  unhide: (ids: number[]) => void
}

export type All = AccountSlice &
  QueueSlice &
  BoardsSlice &
  ImportSlice &
  WatchSlice &
  SettingsSlice &
  UiSlice &
  QueueViewSlice
