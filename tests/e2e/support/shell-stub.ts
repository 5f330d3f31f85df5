import { invokeContract, type InvokeChannel } from '../../../src/shared/ipc/contract'
import { err, ok, type Result } from '../../../src/shared/ipc/result'
import type { BridgeBackend } from './backend-types'

/** Channels Electron's shell answers (native dialogs, the system browser): the test plays the user here. */
const SHELL_CHANNELS = new Set<string>(['dialog:pick-folder', 'dialog:pick-csv', 'shell:open-external'])

/**
 * Stands in for the desktop shell in front of any backend: the next folder/CSV the "user" picks, and
 * the URLs sent to the system browser. Inputs are still checked against the contract.
 */
export class ShellStub {
  readonly folderAnswers: (string | null)[] = []
  readonly csvAnswers: (string | null)[] = []
  readonly opened: string[] = []

  wrap(backend: BridgeBackend): BridgeBackend {
    return {
      invoke: (channel, input, senderUrl) =>
        SHELL_CHANNELS.has(channel)
          ? Promise.resolve(this.answer(channel, input))
          : backend.invoke(channel, input, senderUrl),
      onEvent: (l) => backend.onEvent(l),
      close: () => backend.close(),
    }
  }

  private answer(channel: string, input: unknown): Result<unknown> {
    const parsed = invokeContract[channel as InvokeChannel].input.safeParse(input)
    if (!parsed.success) return err('validation', parsed.error.message)
    if (channel === 'dialog:pick-folder') return ok(this.folderAnswers.shift() ?? null)
    if (channel === 'dialog:pick-csv') return ok(this.csvAnswers.shift() ?? null)
    const { url } = parsed.data as { url: string }
    // The same rule main applies before shell.openExternal: https on pinterest.com only.
    const u = new URL(url)
    if (u.protocol !== 'https:' || !/(^|\.)pinterest\.com$/.test(u.hostname))
      return err('validation', `Refused to open ${url}`)
    this.opened.push(url)
    return ok(null)
  }
}
