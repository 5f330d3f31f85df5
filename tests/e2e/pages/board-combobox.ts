import { expect, type Page } from '@playwright/test'

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Chooses a board in the board picker labelled `label` by typing its name and picking its line. */
export async function chooseBoard(page: Page, label: string, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label })
  await box.click()
  await box.fill(name)
  await page.getByRole('option', { name: new RegExp(`^${escape(name)}( \\(secret\\))?$`) }).click()
  await expect(box).toHaveValue(name)
}
