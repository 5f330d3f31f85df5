import type { StateCreator } from 'zustand'
import type {
  AccountSlice,
  All,
  BoardsSlice,
  ImportSlice,
  SettingsSlice,
  Toast,
  UiSlice,
  WatchSlice,
} from './types'

export const createAccountSlice: StateCreator<All, [], [], AccountSlice> = (set) => ({
  account: null,
  connecting: false,
  setAccount: (account) => set({ account }),
  setConnecting: (connecting) => set({ connecting }),
})

export const createBoardsSlice: StateCreator<All, [], [], BoardsSlice> = (set) => ({
  boards: [],
  boardsLoaded: false,
  boardsLoading: false,
  boardsError: null,
  boardsUpdatedAt: null,
  sections: {},
  boardNames: {},
  setBoards: (boards) =>
    set((s) => ({
      boards,
      boardNames: { ...s.boardNames, ...Object.fromEntries(boards.map((b) => [b.id, b.name])) },
      boardsLoaded: true,
      boardsLoading: false,
      boardsError: null,
      boardsUpdatedAt: Date.now(),
    })),
  setBoardsLoading: (boardsLoading, error) =>
    set(boardsLoading ? { boardsLoading, boardsError: null } : { boardsLoading, boardsError: error ?? null }),
  addBoard: (board) =>
    set((s) => ({
      boards: [...s.boards.filter((b) => b.id !== board.id), board],
      boardNames: { ...s.boardNames, [board.id]: board.name },
    })),
  setSections: (boardId, list) => set((s) => ({ sections: { ...s.sections, [boardId]: list } })),
  addSection: (boardId, section) =>
    set((s) => ({ sections: { ...s.sections, [boardId]: [...(s.sections[boardId] ?? []), section] } })),
})

export const createImportSlice: StateCreator<All, [], [], ImportSlice> = (set) => ({
  csvPreview: null,
  csvResult: null,
  setCsvPreview: (csvPreview) => set({ csvPreview }),
  setCsvResult: (csvResult) => set({ csvResult }),
})

export const createWatchSlice: StateCreator<All, [], [], WatchSlice> = (set) => ({
  watches: [],
  setWatches: (watches) => set({ watches }),
})

export const createSettingsSlice: StateCreator<All, [], [], SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
})

let nextToastId = 1

export const createUiSlice: StateCreator<All, [], [], UiSlice> = (set, get) => ({
  screen: 'queue',
  toasts: [],
  batchDone: null,
  setScreen: (screen) => set({ screen }),
  pushToast: (tone, text, extra = {}) => {
    const same = get().toasts.find((t) => t.tone === tone && t.text === text && !t.action && !extra.action)
    if (same) {
      // The same words again: one toast that counts, not a stack of copies.
      set((s) => ({ toasts: s.toasts.map((t) => (t === same ? { ...t, count: t.count + 1 } : t)) }))
      return same.id
    }
    const id = nextToastId++
    const toast: Toast = { id, tone, text, count: 1, ...extra }
    // Keep the last few only: a burst of failures must not bury the window in toasts.
    const kept = get().toasts
    const dropped = kept.slice(0, Math.max(0, kept.length - 3))
    set({ toasts: [...kept.slice(-3), toast] })
    for (const t of dropped) t.onExpire?.()
    return id
  },
  dismissToast: (id, acted = false) => {
    const toast = get().toasts.find((t) => t.id === id)
    if (!toast) return
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
    if (!acted) toast.onExpire?.()
  },
  setBatchDone: (batchDone) => set({ batchDone }),
  newBatch: null,
  setNewBatch: (newBatch) => set({ newBatch }),
  paletteOpen: false,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
})
