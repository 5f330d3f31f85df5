import { type Locator, type Page } from '@playwright/test'

/** The Import CSV screen. */
export class ImportPage {
  constructor(readonly page: Page) {}

  async choose(): Promise<void> {
    await this.page.getByRole('button', { name: 'Choose CSV file…' }).click()
  }

  counts(): Locator {
    return this.page.getByTestId('csv-counts')
  }

  row(line: number): Locator {
    return this.page.locator(`tr[data-line="${line}"]`)
  }

  badRows(): Locator {
    return this.page.locator('tr[data-valid="false"]')
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: /^Queue \d+ valid/ }).click()
  }

  createMissing(): Locator {
    return this.page.getByLabel('Create boards that do not exist yet')
  }
}
