import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Locator, type Page } from '@playwright/test'
import type { World } from '../support/fixtures'
import { AppPage } from './app-page'

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

/**
 * Signed in, the window loaded, `lines` written as `name` in the world's folder and chosen on the Import CSV
 * screen: the screen, with its preview on the way, and the window.
 */
export async function importCsvInWindow(
  page: Page,
  world: World,
  name: string,
  lines: readonly string[],
): Promise<{ app: AppPage; imp: ImportPage }> {
  const path = join(world.dir, name)
  writeFileSync(path, lines.join('\n'))
  world.desktop.csvAnswers.push(path)
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Import CSV')
  const imp = new ImportPage(page)
  await imp.choose()
  return { app, imp }
}
