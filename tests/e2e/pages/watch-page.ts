import { type Locator, type Page } from '@playwright/test'
import { chooseBoard } from './board-combobox'

/** The Watched folders screen. */
export class WatchPage {
  constructor(readonly page: Page) {}

  async add(boardName: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Choose folder…' }).click()
    await chooseBoard(this.page, 'Post new files to', boardName)
    await this.page.getByRole('button', { name: 'Start watching' }).click()
  }

  rows(): Locator {
    return this.page.getByTestId('watch-row')
  }
}
