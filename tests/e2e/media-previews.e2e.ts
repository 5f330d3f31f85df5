import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { mediaResponse } from '../../src/main/security/media-range'
import { exifWrite, magick, photo } from '../support/image-files'
import { writeVideo } from '../support/media-files'
import { test, expect, snap, type World } from './support/fixtures'
import { repoRoot } from './support/repo-root'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

/**
 * Issue 16 in the window: real thumbnails (made in main) for published photos, a video's poster frame grabbed in
 * the window, and the cover-frame picker whose choice the fake Pinterest then receives as the key frame time.
 * In the app, `/media/<id>` is main's `app://pinload/media/<id>`; here the page is served by the static server,
 * so those requests are answered by the same function (`mediaResponse`) over the real services.
 */
/** An <img> that has decoded its picture: what the user sees, not only a src set. */
async function expectShown(img: Locator): Promise<void> {
  await expect(img).toHaveAttribute('src', /^data:image\/jpeg;base64,/, { timeout: 20_000 })
  await expect
    .poll(() =>
      img.evaluate((el) => {
        const i = el as unknown as { complete: boolean; naturalWidth: number }
        return i.complete && i.naturalWidth > 0
      }),
    )
    .toBe(true)
}

/** test-results/screenshots/<name>.png; the README's copy in docs/screenshots refreshed on demand only. */
async function snapMedia(page: Page, name: string): Promise<void> {
  const file = await snap(page, name)
  const docShot = join(repoRoot(), 'docs', 'screenshots', `${name}.png`)
  if (process.env.PINLOAD_UPDATE_SCREENSHOTS === '1' || !existsSync(docShot)) {
    mkdirSync(dirname(docShot), { recursive: true })
    copyFileSync(file, docShot)
  }
}

/** Adds `folder` from the Add screen ("Add folder…", or as drafts) to the world's board, titles = file names. */
async function addFolderFromScreen(
  page: Page,
  world: World,
  folder: string,
  asDrafts: boolean,
): Promise<AddPage> {
  const add = new AddPage(page)
  await new AppPage(page).open('Add')
  await add.chooseBoard(world.boardName)
  await add.setTitleTemplate('{name}')
  world.desktop.folderAnswers.push(folder)
  await page
    .getByRole('button', { name: asDrafts ? 'Add folder as drafts…' : 'Add folder…', exact: true })
    .click()
  await add.confirm()
  return add
}

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

test('photos show real thumbnails, a draft video its poster (queue and review screens), and the cover picked in the inspector reaches Pinterest', async ({
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
  // Drafts beside the video, so the review screen shows real pictures next to its poster.
  const gradient = (size: string, colours: string) => ['-size', size, `gradient:${colours}`, '-swirl', '120']
  magick(clips, 'dunes.jpg', gradient('900x600', '#f2c14e-#8c3b1e'))
  magick(clips, 'lagoon.jpg', gradient('600x900', '#2ec4b6-#11324d'))
  await serveMedia(page, world)

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  const add = await addFolderFromScreen(page, world, photos, false)
  await expect(add.result()).toContainText('2 queued')
  await addFolderFromScreen(page, world, clips, true)
  await expect(add.result()).toContainText('3 added as drafts')

  await app.open('Queue')
  const queue = new QueuePage(page)
  await queue.expectState('harbour.jpg', 'published', 30_000)
  await queue.expectState('phone.heic', 'published', 30_000)
  for (const name of ['waves.mp4', 'dunes.jpg', 'lagoon.jpg']) await queue.expectState(name, 'draft')
  // Thumbnails made by main (JPEG data: URLs), the HEIC one and the drafts' too; the draft video's frame grabbed
  // in the window. Each decoded in the page, not only set.
  const names = ['harbour.jpg', 'phone.heic', 'waves.mp4', 'dunes.jpg', 'lagoon.jpg']
  for (const name of names) await expectShown(queue.row(name).locator('img.thumb'))
  await expect(page.locator('.queue-row .thumb-placeholder')).toHaveCount(0)
  const size = await queue
    .row('harbour.jpg')
    .locator('img.thumb')
    .evaluate((el) => {
      const img = el as unknown as { naturalWidth: number; naturalHeight: number }
      return [img.naturalWidth, img.naturalHeight]
    })
  expect(size).toEqual([128, 192]) // 600×400 shot turned: shown upright
  await snapMedia(page, 'queue-media')

  // The review screen: the drafts batch, its photos' thumbnails and the video's poster frame.
  await app.open('Review')
  const cardImage = (name: string) =>
    page
      .getByTestId('pin-card')
      .filter({ has: page.locator('.pin-file', { hasText: name }) })
      .locator('img.pin-image')
  for (const name of ['waves.mp4', 'dunes.jpg', 'lagoon.jpg']) await expectShown(cardImage(name))
  await expect(page.locator('.pin-image-empty')).toHaveCount(0)
  await snapMedia(page, 'review-media')
  await app.open('Queue')

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
  await snapMedia(page, 'cover-picker')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Publish 3 drafts' }).click()
  await queue.expectState('waves.mp4', 'published', 60_000)
  // The fake records the cover from the create request's media_source.cover_image_key_frame_time (and would
  // refuse a video Pin without a cover): the frame picked on the scrubber, not a default.
  const pin = world.backend.fake.pins.find((p) => p.title === 'waves')
  expect(pin?.video_cover).toEqual({ kind: 'key_frame', seconds: 3 })
})

test('a picture chosen as a draft video’s cover (a WebP, converted) is what the fake receives', async ({
  page,
  world,
}) => {
  const clips = join(world.dir, 'clips')
  mkdirSync(clips)
  writeVideo(clips, 'tide.mp4', { seconds: 4 })
  const cover = magick(world.dir, 'cover.webp', [photo(world.dir, 'cover-src.png', '400x600')])
  await serveMedia(page, world)
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  const add = await addFolderFromScreen(page, world, clips, true)
  await expect(add.result()).toContainText('1 added as drafts')
  await app.open('Queue')
  const queue = new QueuePage(page)
  await queue.expectState('tide.mp4', 'draft')
  await queue.row('tide.mp4').locator('.row-main').click()
  const picker = page.getByTestId('cover-picker')
  world.desktop.imageAnswers.push(cover)
  await picker.getByRole('button', { name: 'Choose a picture…' }).click()
  await expect(picker.getByTestId('cover-picture')).toContainText('The picture cover.webp is the cover')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Publish 1 draft' }).click()
  await queue.expectState('tide.mp4', 'published', 60_000)
  // Sent as the create's cover_image_data (a WebP converted to JPEG on the way), not a key frame.
  const pin = world.backend.fake.pins.find((p) => p.title === 'tide')
  expect(pin?.video_cover?.kind).toBe('base64')
})
