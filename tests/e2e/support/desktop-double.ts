import { headlessDesktopPorts, type DesktopPorts } from '../../../src/main/app/desktop-ports'
import { approveInBrowser } from '../../support/test-app'

/**
 * The desktop ports (src/main/app/desktop-ports.ts) with the OS replaced by the test: the folder or CSV
 * the "user" picks in the native dialog, the system browser that receives links, and the browser that
 * approves a sign-in on the fake Pinterest. Requests still go through the real handlers; only what
 * Electron's dialog and shell would do happens here.
 */
export class DesktopDouble {
  /** The answers of the next folder dialogs, in order (null: the user cancelled). */
  readonly folderAnswers: (string | null)[] = []
  /** The answers of the next CSV dialogs, in order. */
  readonly csvAnswers: (string | null)[] = []
  /** The answers of the next file dialogs (Add files…), in order (empty: the user cancelled). */
  readonly fileAnswers: string[][] = []
  /** The answers of the next image dialogs (a video's cover picture), in order (null: the user cancelled). */
  readonly imageAnswers: (string | null)[] = []
  /** The answers of the next save dialogs (an export), in order (null: the user cancelled). */
  readonly saveAnswers: (string | null)[] = []
  /** Folders shown in the file manager (Settings → Reveal). */
  readonly revealed: string[] = []
  /** Links the system browser received. */
  readonly opened: string[] = []
  /** Authorize pages the browser was sent to. */
  readonly authorizePages: string[] = []
  /** Each relaunch the app asked for ("Try the demo", "Leave demo"): with the demo switch or without. */
  readonly relaunches: boolean[] = []
  /** False: the browser shows the authorize page and the user never approves (the sign-in waits). */
  approveSignIn = true

  ports(): DesktopPorts {
    return {
      ...headlessDesktopPorts(),
      pickFolder: () => Promise.resolve(this.folderAnswers.shift() ?? null),
      pickCsv: () => Promise.resolve(this.csvAnswers.shift() ?? null),
      pickFiles: () => Promise.resolve(this.fileAnswers.shift() ?? []),
      pickImage: () => Promise.resolve(this.imageAnswers.shift() ?? null),
      pickSaveFile: () => Promise.resolve(this.saveAnswers.shift() ?? null),
      revealFolder: (path) => {
        this.revealed.push(path)
        return Promise.resolve()
      },
      // The link was checked by the shell:open-external handler before it got here.
      openExternal: (url) => {
        this.opened.push(url)
        return Promise.resolve()
      },
      openAuthorizePage: async (url) => {
        this.authorizePages.push(url)
        if (this.approveSignIn) await approveInBrowser(url)
      },
      relaunch: ({ demo }) => void this.relaunches.push(demo),
    }
  }
}
