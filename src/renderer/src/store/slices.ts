import type { StateCreator } from 'zustand'
import type { AccountSlice, All, BoardsSlice, ImportSlice, SettingsSlice, UiSlice, WatchSlice } from './types'

export const createAccountSlice: StateCreator<All, [], [], AccountSlice> = (set) => ({
  account: null,
  connecting: false,
  setAccount: (account) => set({ account }),
  setConnecting: (connecting) => set({ connecting }),
})

export const createBoardsSlice: StateCreator<All, [], [], BoardsSlice> = (set) => ({
  boards: [],
  boardsLoaded: false,
  sections: {},
  setBoards: (boards) => set({ boards, boardsLoaded: true }),
  addBoard: (board) => set((s) => ({ boards: [...s.boards.filter((b) => b.id !== board.id), board] })),
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

export const createUiSlice: StateCreator<All, [], [], UiSlice> = (set) => ({
  screen: 'queue',
  toasts: [],
  batchDone: null,
  setScreen: (screen) => set({ screen }),
  // Keep the last few only: a burst of failures must not bury the window in toasts.
  pushToast: (tone, text) =>
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id: nextToastId++, tone, text }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setBatchDone: (batchDone) => set({ batchDone }),
})
