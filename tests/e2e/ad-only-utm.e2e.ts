import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'

test('the Add screen makes ad-only Pins with UTM links: "Ad-only, not on your profile" in place of a board', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'ads')
  mkdirSync(folder)
  writeImage(folder, 'tree.jpg', 'jpeg', { color: 'olive', size: '200x300' })

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard('Ad-only, not on your profile')
  await page.getByLabel('Link', { exact: true }).fill('https://shop.test/p?id=1#buy')
  await page.getByLabel('UTM campaign').fill('fall')
  await add.drop([folder])
  await expect(add.result()).toContainText('1 queued')

  const fake = world.backend.fake
  await expect.poll(() => fake.pins.length, { timeout: 20_000 }).toBe(1)
  expect(fake.pins[0]).toMatchObject({
    is_removable: true,
    board_id: fake.boards.find((b) => b.is_ads_only)?.id,
    link: 'https://shop.test/p?id=1&utm_source=pinterest&utm_medium=social&utm_campaign=fall&utm_content=tree.jpg#buy',
  })
})
