import { type Locator, type Page } from '@playwright/test'

/** The Watched folders screen. */
export class WatchPage {
  constructor(readonly page: Page) {}

  async add(boardName: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Choose folder…' }).click()
    const select = this.page.getByLabel('Board to post to')
    await select.locator('option', { hasText: boardName }).first().waitFor({ state: 'attached' })
    await select.selectOption({ label: boardName })
    await this.page.getByRole('button', { name: 'Start watching' }).click()
  }

  rows(): Locator {
    return this.page.getByTestId('watch-row')
  }
}
