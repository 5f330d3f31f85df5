import type { QueueTotals } from '../../shared/domain'
import { ACTIVE_STATES, stalledOnSignIn } from '../../shared/item-states'

/**
 * What main-process services need from the desktop. The Electron shell implements it; tests and the
 * headless command pass their own, so no service imports electron.
 */
export interface DesktopPorts {
  pickFolder(): Promise<string | null>
  pickCsv(): Promise<string | null>
  /** Images and videos chosen in the OS file dialog (Add files…); empty when cancelled. */
  pickFiles(): Promise<string[]>
  /** One image (a video Pin's cover); null when cancelled. */
  pickImage(): Promise<string | null>
  /** Opens a checked Pinterest link in the system browser. */
  openExternal(url: string): Promise<void>
  /** Opens the OAuth authorize page in the system browser. */
  openAuthorizePage(url: string): Promise<void>
  /** Taskbar/dock progress for the running work. */
  showProgress(totals: QueueTotals): void
  notify(title: string, body: string): void
  /**
   * Quits (parking the queue as a normal quit does) and starts the app again with the demo switch, or without
   * it (README.md, "Try it without a Pinterest account").
   */
  relaunch(opts: { demo: boolean }): void
  /**
   * Asks the user in a native dialog (not the window, which a compromised page could answer: issue 11,
   * finding 2); true for the first button. Headless and tests: a scripted answer.
   */
  confirm(message: string, detail: string, buttons: readonly [yes: string, no: string]): Promise<boolean>
  /**
   * Asks where to save a file in the native save dialog (an export: issue 15), so the window never names a
   * path; null when the user cancels. Headless: null.
   */
  pickSaveFile(opts: { defaultName: string; format: 'csv' | 'json' }): Promise<string | null>
  /** Opens a folder of the app's own (the data folder) in the system's file manager. Headless: printed. */
  revealFolder(path: string): Promise<void>
}

/** What the taskbar/dock shows for the queue: Electron's setProgressBar value (-1 hides it) and mode. */
export function taskbarProgress(totals: QueueTotals): {
  value: number
  mode: 'none' | 'normal' | 'indeterminate' | 'paused'
} {
  const b = totals.byState
  // Items waiting for their publish time (possibly days) are not work in progress: no bar for them alone.
  const active = ACTIVE_STATES.reduce((n, s) => n + (s === 'scheduled' ? 0 : (b[s] ?? 0)), 0)
  if (active === 0) return { value: -1, mode: 'none' }
  const fraction = totals.bytesTotal > 0 ? Math.min(1, totals.bytesSent / totals.bytesTotal) : 0
  if (totals.paused || stalledOnSignIn(totals)) return { value: fraction, mode: 'paused' }
  return totals.bytesTotal > 0 ? { value: fraction, mode: 'normal' } : { value: 2, mode: 'indeterminate' }
}

/** Ports for headless use and tests: no dialogs, links printed, nothing shown. */
export function headlessDesktopPorts(log: (line: string) => void = () => {}): DesktopPorts {
  return {
    pickFolder: () => Promise.resolve(null),
    pickCsv: () => Promise.resolve(null),
    pickFiles: () => Promise.resolve([]),
    pickImage: () => Promise.resolve(null),
    openExternal: (url) => {
      log(`open ${url}`)
      return Promise.resolve()
    },
    openAuthorizePage: (url) => {
      log(`Open this address in your browser to sign in:\n  ${url}`)
      return Promise.resolve()
    },
    showProgress: () => {},
    notify: (title, body) => log(`${title}: ${body}`),
    relaunch: ({ demo }) => log(demo ? 'relaunch in the demo' : 'relaunch without the demo'),
    // Nobody to ask: the command asks on its terminal before it gets here, so go ahead.
    confirm: () => Promise.resolve(true),
    pickSaveFile: () => Promise.resolve(null),
    revealFolder: (path) => {
      log(`data folder: ${path}`)
      return Promise.resolve()
    },
  }
}
