import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { mediaResponse } from '../../src/main/security/media-range'
import { exifWrite, magick, photo } from '../support/image-files'
import { writeVideo } from '../support/media-files'
import { test, expect, type World } from './support/fixtures'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

/**
 * Issue 16 in the window: real thumbnails (made in main) for published photos, a video's poster frame grabbed in
 * the window, and the cover-frame picker whose choice the fake Pinterest then receives as the key frame time.
 * In the app, `/media/<id>` is main's `app://pinload/media/<id>`; here the page is served by the static server,
 * so those requests are answered by the same function (`mediaResponse`) over the real services.
 */
async function serveMedia(page: Page, world: World): Promise<void> {
  await page.route(/\/media\/\d+$/, async (route) => {
    const id = Number(new URL(route.request().url()).pathname.split('/').pop())
    const res = await mediaResponse(
      await world.backend.app.mediaFile(id),
      (await route.request().headerValue('range')) ?? null,
    )
    await route.fulfill({
      status: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body: Buffer.from(await res.arrayBuffer()),
    })
  })
}

test('photos show real thumbnails, a draft video its poster, and the cover picked in the inspector reaches Pinterest', async ({
  page,
  world,
}) => {
  const photos = join(world.dir, 'trip')
  mkdirSync(photos)
  const turned = photo(photos, 'harbour.jpg', '600x400')
  exifWrite(turned, ['-Orientation#=6', '-GPSLatitude=43.3', '-GPSLatitudeRef=N'])
  magick(photos, 'phone.heic', [photo(world.dir, 'phone-src.png', '400x300')])
  const clips = join(world.dir, 'clips')
  mkdirSync(clips)
  writeVideo(clips, 'waves.mp4', { seconds: 8 })
  await serveMedia(page, world)

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.setTitleTemplate('{name}')
  world.desktop.folderAnswers.push(photos)
  await page.getByRole('button', { name: 'Add folder…', exact: true }).click()
  await add.confirm()
  await expect(add.result()).toContainText('2 queued')
  world.desktop.folderAnswers.push(clips)
  await page.getByRole('button', { name: 'Add folder as drafts…' }).click()
  await add.confirm()
  await expect(add.result()).toContainText('1 queued')

  await app.open('Queue')
  const queue = new QueuePage(page)
  await queue.expectState('harbour.jpg', 'published', 30_000)
  await queue.expectState('phone.heic', 'published', 30_000)
  await queue.expectState('waves.mp4', 'draft')
  // Thumbnails made by main (JPEG data: URLs), the HEIC one too; the draft video's frame grabbed in the window.
  for (const name of ['harbour.jpg', 'phone.heic', 'waves.mp4'])
    await expect(queue.row(name).locator('img.thumb')).toHaveAttribute('src', /^data:image\/jpeg;base64,/, {
      timeout: 20_000,
    })
  const size = await queue
    .row('harbour.jpg')
    .locator('img.thumb')
    .evaluate((el) => {
      const img = el as unknown as { naturalWidth: number; naturalHeight: number }
      return [img.naturalWidth, img.naturalHeight]
    })
  expect(size).toEqual([128, 192]) // 600×400 shot turned: shown upright
  await page.screenshot({ path: 'docs/screenshots/queue-media.png' })

  // The HEIC was sent converted, and says so.
  await queue.row('phone.heic').locator('.row-main').click()
  await expect(page.getByTestId('inspector-converted')).toHaveText('Converted from HEIC to JPEG or PNG')
  await page.keyboard.press('Escape')

  // The cover picker: 3 s in, saved, then the draft published with it.
  await queue.row('waves.mp4').locator('.row-main').click()
  const picker = page.getByTestId('cover-picker')
  const scrubber = picker.getByRole('slider', { name: 'Cover frame time in seconds' })
  await expect(scrubber).toBeEnabled({ timeout: 20_000 })
  await scrubber.focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(picker.getByTestId('cover-time')).toHaveText('3 s')
  await picker.getByRole('button', { name: 'Use this frame' }).click()
  // Saved in main (what the window then shows comes from there): the item's cover time, through the real router.
  const coverOf = async () => {
    const r = await world.invoke('uploads:list', {})
    const items = r.ok ? (r.value as { items: { name: string; coverKeyFrameS?: number }[] }).items : []
    return items.find((i) => i.name === 'waves.mp4')?.coverKeyFrameS
  }
  await expect.poll(coverOf, { timeout: 30_000 }).toBe(3)
  await expect(picker.getByRole('button', { name: 'Use this frame' })).toBeDisabled()
  await page.screenshot({ path: 'docs/screenshots/cover-picker.png' })
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Publish 1 draft' }).click()
  await queue.expectState('waves.mp4', 'published', 60_000)
  const pin = world.backend.fake.pins.find((p) => p.title === 'waves')
  expect(pin?.video_cover).toEqual({ kind: 'key_frame', seconds: 3 })
})
