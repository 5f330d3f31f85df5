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
import type { ProgressEvent } from '../../../shared/progress-events'

/** The screens of the window, in nav order. */
export type Screen = 'queue' | 'add' | 'import' | 'watch' | 'account' | 'settings'

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
  /** Sections by board id, once loaded. */
  sections: Record<string, BoardSection[]>
  setBoards: (boards: Board[]) => void
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

export interface Toast {
  id: number
  tone: 'info' | 'success' | 'error'
  text: string
}

/** Counts of the last finished batch, for the banner. */
export interface BatchDone {
  batchId: number
  published: number
  failed: number
}

export interface UiSlice {
  screen: Screen
  toasts: Toast[]
  batchDone: BatchDone | null
  setScreen: (screen: Screen) => void
  pushToast: (tone: Toast['tone'], text: string) => void
  dismissToast: (id: number) => void
  setBatchDone: (done: BatchDone | null) => void
}

export type All = AccountSlice & QueueSlice & BoardsSlice & ImportSlice & WatchSlice & SettingsSlice & UiSlice
