import type { Page } from '@playwright/test'
import { test, expect, type World } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

/** Adds one photo from the Add screen that Pinterest refuses once, and waits on the Queue screen for its failure. */
async function queueRefusedPhoto(page: Page, world: World, name: string, color: string): Promise<QueuePage> {
  const file = writeImage(world.dir, name, 'png', { color, size: '200x300' })
  world.failNextPin('Pinterest refused the Pin: the link is on a blocked domain.')
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.drop([file])
  // Recipes is a public board: the first post to it in a batch asks first.
  await add.confirm()
  await expect(add.result()).toContainText('1 queued')
  await app.open('Queue')
  const queue = new QueuePage(page)
  await queue.expectState(name, 'failed', 30_000)
  return queue
}

test('a failing item shows its error in plain words, and Retry publishes it', async ({ page, world }) => {
  const queue = await queueRefusedPhoto(page, world, 'broken.png', 'red')
  const row = queue.row('broken.png')
  await expect(row.getByTestId('item-error')).toContainText('blocked domain')
  await queue.filter('Failed')
  await expect(queue.rows()).toHaveCount(1)
  await queue.filter('All')

  await row.getByRole('button', { name: 'Retry broken.png' }).click()
  await queue.expectState('broken.png', 'published', 30_000)
  await expect(queue.row('broken.png').getByTestId('item-error')).toHaveCount(0)
  await expect(queue.row('broken.png').getByRole('button', { name: /Open the Pin/ })).toBeVisible()
})

test("a group's Retry failed pressed from the keyboard keeps the focus on the group's line", async ({
  page,
  world,
}) => {
  const queue = await queueRefusedPhoto(page, world, 'refused.png', 'orange')
  const retry = page.getByRole('button', { name: 'Retry failed', exact: true })
  await retry.focus()
  await page.keyboard.press('Enter')
  await queue.expectState('refused.png', 'published', 30_000)
  await expect(retry).toHaveCount(0)
  // The button went with the last failure; the focus is on the group's line, not lost to the page.
  await expect
    .poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('role') ?? null`))
    .toBe('listitem')
})
