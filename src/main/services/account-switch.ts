import type { AccountView, Environment } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { readAccountFile } from '../auth/account-file'
import { knownAccounts, type KnownAccount } from '../auth/known-accounts'

export interface AccountSwitchDeps {
  account: {
    get(): Promise<AccountView>
    connect(): Promise<AccountView>
    useToken(input: { token: string; environment: Environment }): Promise<AccountView>
    signOut(): Promise<AccountView>
    use(accountKey: string): Promise<AccountView>
  }
  /** Folder of account.json, where the accounts are listed (issue 15). */
  dataDir: string
  /** How many items are not finished yet (queued, moving, or waiting for the user). */
  unfinished(): number
  /** A native dialog from main (DesktopPorts.confirm): the window cannot answer it for the user. */
  confirm(message: string, detail: string, buttons: readonly [yes: string, no: string]): Promise<boolean>
}

/**
 * The window's sign-in and pasted token, guarded (issue 11, finding 2: "Switching the account or token while
 * items are queued asks in a native dialog from main"): queued items were chosen for the account in use. Since
 * issue 15 they keep that account (and its token) whoever signs in next, and the dialog says so. Nothing is
 * asked when nobody is signed in (a sign-in that resumes a paused queue) or when nothing is unfinished.
 */
export class AccountSwitch {
  constructor(private readonly deps: AccountSwitchDeps) {}

  async connect(): Promise<AccountView> {
    await this.askFirst()
    return this.deps.account.connect()
  }

  async useToken(input: { token: string; environment: Environment }): Promise<AccountView> {
    await this.askFirst()
    return this.deps.account.useToken(input)
  }

  /** Signing out leaves the queue to whoever signs in next, so it asks as a switch does (issue 18). */
  async signOut(): Promise<AccountView> {
    await this.askFirst('sign-out')
    return this.deps.account.signOut()
  }

  /** The accounts Pinload knows, the one in use marked: the window's switcher and `pinload accounts list`. */
  async list(): Promise<KnownAccount[]> {
    return knownAccounts(await readAccountFile(this.deps.dataDir))
  }

  /**
   * Makes another known account the one new batches go to. Nothing is asked: queued items keep the account
   * they were queued for (`items.account_key`, issue 15) and wait until it is in use again.
   */
  async use(accountKey: string): Promise<AccountView> {
    if (!(await this.list()).some((a) => a.key === accountKey))
      throw new AppError('validation', `Unknown account "${accountKey}".`)
    return this.deps.account.use(accountKey)
  }

  private async askFirst(what: 'switch' | 'sign-out' = 'switch'): Promise<void> {
    const count = this.deps.unfinished()
    if (count === 0) return
    const current = await this.deps.account.get()
    if (current.status !== 'connected') return
    const who = current.username !== undefined ? ` (${current.username})` : ''
    const files = `${count.toLocaleString('en-US')} item${count === 1 ? '' : 's'}`
    const verb = count === 1 ? 'is' : 'are'
    const yes =
      what === 'switch'
        ? await this.deps.confirm(
            `Switch the Pinterest account while ${files} ${verb} in the queue?`,
            // Items keep the account they were queued for (issue 15): it still posts them while signed in.
            `They were queued for the account in use${who} and stay with it: it still posts them while it is signed in. New batches go to the account you sign in as.`,
            ['Switch account', 'Keep the current one'],
          )
        : await this.deps.confirm(
            `Sign out while ${files} ${verb} in the queue?`,
            `They were queued for the account in use${who}: they wait until it signs in again.`,
            ['Sign out', 'Stay signed in'],
          )
    if (!yes) throw new AppError('cancelled', 'Kept the account in use: the queued items stay with it.')
  }
}
