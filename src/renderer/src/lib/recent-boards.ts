/** Boards chosen lately, most recent first, kept in the page's storage so the next start offers them first. */
const STORAGE_KEY = 'pinload.recentBoards'
const KEEP = 8

export function recentBoardIds(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/** Puts a board first in the recent list (the New batch sheet starts with the first one). */
export function rememberBoard(boardId: string): void {
  try {
    const next = [boardId, ...recentBoardIds().filter((id) => id !== boardId)].slice(0, KEEP)
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  } catch {
    // Storage off: the picker still works, without a recent list.
  }
}
