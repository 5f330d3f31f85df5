import { expect, type Locator, type Page } from '@playwright/test'

/** The first-run sheet shown while no account is connected (features/first-run). */
export class FirstRunPage {
  constructor(readonly page: Page) {}

  sheet(): Locator {
    return this.page.getByRole('dialog', { name: 'Connect Pinload to Pinterest' })
  }

  /** Steps 1 and 2: past the checklist, the App ID and secret saved with the sign-in port under Advanced. */
  async giveKeys(appId: string, secret: string, port: number): Promise<void> {
    const sheet = this.sheet()
    await sheet.getByRole('button', { name: 'Next: App ID and secret' }).click()
    await sheet.getByLabel('App ID').fill(appId)
    await sheet.getByLabel('App secret').fill(secret)
    await sheet.getByText('Advanced: port, sandbox, pasted token').click()
    await sheet.getByLabel('Sign-in port').fill(String(port))
    await sheet.getByRole('button', { name: 'Next: Connect' }).click()
    await expect(sheet.getByRole('heading', { name: 'Step 3 of 3 · Connect' })).toBeVisible()
  }

  async connect(): Promise<void> {
    await this.sheet().getByRole('button', { name: 'Connect to Pinterest' }).click()
  }
}
