import { type Locator, type Page } from '@playwright/test'
import { dropPaths } from '../support/bridge-page'
import { chooseBoard } from './board-combobox'

/** The Add screen: drop zone, Add folder…, board picker, batch defaults, result. */
export class AddPage {
  constructor(readonly page: Page) {}

  async chooseBoard(name: string): Promise<void> {
    await chooseBoard(this.page, 'Board', name)
  }

  async setTitleTemplate(t: string): Promise<void> {
    await this.page.getByLabel('Title template').fill(t)
  }

  async drop(paths: readonly string[]): Promise<void> {
    await dropPaths(this.page, '[data-testid="drop-zone"]', paths)
  }

  async addFolder(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add folder…' }).click()
  }

  /** Answers the question an add asks first (a public board, more than 500 files) with yes. */
  async confirm(): Promise<void> {
    await this.confirmSheet().getByRole('button', { name: 'Add them' }).click()
  }

  confirmSheet(): Locator {
    return this.page.getByTestId('add-confirm')
  }

  async cancelScan(): Promise<void> {
    await this.page.getByTestId('scan-status').getByRole('button', { name: 'Cancel' }).click()
  }

  result(): Locator {
    return this.page.getByTestId('add-result')
  }
}
