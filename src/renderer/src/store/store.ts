import { create } from 'zustand'
import { createQueueSlice } from './queue-slice'
import { createQueueViewSlice } from './queue-view-slice'
import {
  createAccountSlice,
  createBoardsSlice,
  createImportSlice,
  createSettingsSlice,
  createUiSlice,
  createWatchSlice,
} from './slices'
import type { All } from './types'

/** The window's one store, bound from typed slices. Read it through narrow selectors. */
export const useStore = create<All>()((...a) => ({
  ...createAccountSlice(...a),
  ...createQueueSlice(...a),
  ...createBoardsSlice(...a),
  ...createImportSlice(...a),
  ...createWatchSlice(...a),
  ...createSettingsSlice(...a),
  ...createUiSlice(...a),
  ...createQueueViewSlice(...a),
}))

/** Shorthand for actions called outside React (IPC events, async handlers). */
export const actions = (): All => useStore.getState()
