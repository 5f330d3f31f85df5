import { expect, type Locator, type Page } from '@playwright/test'

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
