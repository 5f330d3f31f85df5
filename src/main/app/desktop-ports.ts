import type { QueueTotals } from '../../shared/domain'

/**
 * What main-process services need from the desktop. The Electron shell implements it; tests and the
 * headless command pass their own, so no service imports electron.
 */
export interface DesktopPorts {
  pickFolder(): Promise<string | null>
  pickCsv(): Promise<string | null>
  /** Opens a checked Pinterest link in the system browser. */
  openExternal(url: string): Promise<void>
  /** Opens the OAuth authorize page in the system browser. */
  openAuthorizePage(url: string): Promise<void>
  /** Taskbar/dock progress for the running work. */
  showProgress(totals: QueueTotals): void
  notify(title: string, body: string): void
}

/** Ports for headless use and tests: no dialogs, links printed, nothing shown. */
export function headlessDesktopPorts(log: (line: string) => void = () => {}): DesktopPorts {
  return {
    pickFolder: () => Promise.resolve(null),
    pickCsv: () => Promise.resolve(null),
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
  }
}
