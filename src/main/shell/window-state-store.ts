import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Size and position of the main window, remembered across runs. Pixels, in screen coordinates. */
export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1200, height: 800 }
/** The layout is designed from 900×600 upwards. */
export const MIN_SIZE = { width: 900, height: 600 }

export class WindowStateStore {
  private readonly file: string
  constructor(dataDir: string) {
    this.file = join(dataDir, 'window-state.json')
  }

  load(): WindowBounds {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<WindowBounds>
      const width = Math.max(MIN_SIZE.width, Number(raw.width) || DEFAULT_BOUNDS.width)
      const height = Math.max(MIN_SIZE.height, Number(raw.height) || DEFAULT_BOUNDS.height)
      const pos = Number.isFinite(raw.x) && Number.isFinite(raw.y) ? { x: raw.x, y: raw.y } : {}
      return { ...pos, width, height, maximized: raw.maximized === true }
    } catch {
      // First run or an unreadable file: start from the default rather than refusing to open.
      return { ...DEFAULT_BOUNDS }
    }
  }

  /** Best effort: a window size that cannot be kept (read-only or full disk) must not crash the app. */
  save(bounds: WindowBounds): boolean {
    try {
      mkdirSync(dirname(this.file), { recursive: true })
      const tmp = `${this.file}.tmp`
      writeFileSync(tmp, JSON.stringify(bounds))
      renameSync(tmp, this.file)
      return true
    } catch {
      return false
    }
  }
}
