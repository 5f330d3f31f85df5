import type { Environment } from '../../../../shared/domain'
import { errorKind, errorText, invoke } from '../../ipc/client'
import { actions } from '../../store/store'

export async function loadAccount(): Promise<void> {
  try {
    actions().setAccount(await invoke('account:get', {}))
  } catch (e) {
    actions().pushToast('error', `Could not read the account: ${errorText(e)}`)
  }
}

export interface AppForm {
  appId: string
  /** Empty = keep the secret already in the keychain. */
  appSecret: string
  port: number
  environment: Environment
  secretBoards: boolean
}

/** Sends the app's credentials to main; returns true when saved. The caller clears the secret field either way. */
export async function saveApp(form: AppForm): Promise<boolean> {
  try {
    const account = await invoke('account:save-app', {
      appId: form.appId,
      ...(form.appSecret !== '' ? { appSecret: form.appSecret } : {}),
      port: form.port,
      environment: form.environment,
      secretBoards: form.secretBoards,
    })
    actions().setAccount(account)
    actions().pushToast('success', 'App details saved.')
    return true
  } catch (e) {
    actions().pushToast('error', `Could not save the app details: ${errorText(e)}`)
    return false
  }
}

export async function connect(): Promise<void> {
  actions().setConnecting(true)
  try {
    actions().setAccount(await invoke('account:connect', {}))
  } catch (e) {
    if (errorKind(e) === 'cancelled') actions().pushToast('info', 'Sign-in cancelled.')
    else actions().pushToast('error', `Could not connect: ${errorText(e)}`)
  } finally {
    actions().setConnecting(false)
  }
}

export async function cancelConnect(): Promise<void> {
  try {
    await invoke('account:cancel-connect', {})
  } catch (e) {
    actions().pushToast('error', `Could not cancel: ${errorText(e)}`)
  }
}

export async function applyToken(token: string, environment: Environment): Promise<boolean> {
  try {
    actions().setAccount(await invoke('account:use-token', { token, environment }))
    return true
  } catch (e) {
    actions().pushToast('error', `That token did not work: ${errorText(e)}`)
    return false
  }
}

export async function signOut(): Promise<void> {
  try {
    actions().setAccount(await invoke('account:sign-out', {}))
  } catch (e) {
    actions().pushToast('error', `Could not sign out: ${errorText(e)}`)
  }
}

/** The loopback port inside a redirect URI like http://localhost:8085/, or the default. */
export function portOf(redirectUri: string, fallback: number): number {
  try {
    const p = Number(new URL(redirectUri).port)
    return Number.isInteger(p) && p > 0 ? p : fallback
  } catch {
    return fallback
  }
}
