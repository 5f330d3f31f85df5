import { expect, type Locator, type Page } from '@playwright/test'
import type { World } from '../support/fixtures'

/** Signs each user in by a pasted token of its environment, in this order (the last is then current). */
export async function signInAs(
  world: World,
  users: readonly [username: string, env: 'production' | 'sandbox'][],
): Promise<void> {
  for (const [username, environment] of users) {
    const token = world.backend.fake.issueToken({ username }).accessToken
    const r = await world.invoke('account:use-token', { token, environment })
    expect(r.ok, JSON.stringify(r)).toBe(true)
  }
}

/** The Account screen. */
export class AccountPage {
  constructor(readonly page: Page) {}

  async saveApp(appId: string, secret: string, port: number): Promise<void> {
    await this.page.getByLabel('App ID').fill(appId)
    await this.page.getByLabel('App secret').fill(secret)
    await this.page.getByLabel('Sign-in port').fill(String(port))
    await this.page.getByRole('button', { name: 'Save app details' }).click()
    // The secret field is emptied as soon as it is sent.
    await expect(this.page.getByLabel('App secret')).toHaveValue('')
  }

  redirectUri(): Locator {
    return this.page.getByTestId('redirect-uri')
  }

  async connect(): Promise<void> {
    await this.page.getByRole('button', { name: /Connect to Pinterest|Sign in again/ }).click()
  }

  connectedAs(): Locator {
    return this.page.getByTestId('connected-as')
  }
}
