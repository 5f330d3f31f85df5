import { test, expect } from './support/fixtures'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage, writeVideo } from '../support/media-files'
import { AppPage } from './pages/app-page'

test('a progress flush updates rows and totals in place; a removed id disappears', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  // Held by the real pause while the page loads; the upload then runs at a crawl (the bandwidth setting)
  // so the row sits in `uploading` with its bytes counting.
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  expect(await world.invoke('settings:set', { bandwidthBytesPerSec: 40_000 })).toMatchObject({ ok: true })
  const clip = writeVideo(world.dir, 'waves.mp4', { seconds: 6 })
  const photo = writeImage(world.dir, 'photo.png', 'png', { color: 'olive' })
  const added = await addAsWindow(world.invoke, [clip, photo], { boardId: world.boardId })
  expect(added).toMatchObject({ ok: true, value: { queued: 2 } })
  const listed = await world.invoke('uploads:list', {})
  if (!listed.ok) throw new Error(listed.error.message)
  const ids = (listed.value as { items: { id: number; name: string }[] }).items
  const first = ids.find((i) => i.name === 'waves.mp4')!.id
  const second = ids.find((i) => i.name === 'photo.png')!.id

  const app = new AppPage(page)
  await app.load()
  await expect(page.locator('.queue-row')).toHaveCount(2)
  const row = page.locator(`.queue-row[data-item-id="${first}"]`)
  await expect(row).toHaveAttribute('data-state', 'queued')

  expect(await world.invoke('uploads:remove', { itemId: second })).toMatchObject({ ok: true })
  await expect(page.locator('.queue-row')).toHaveCount(1)
  const flushesBefore = world.bridge.sent['uploads:progress'] ?? 0
  expect(await world.invoke('uploads:resume-all', {})).toMatchObject({ ok: true })
  await expect(row).toHaveAttribute('data-state', 'uploading')
  await expect(row).toContainText(/[1-9][\d.]* [KM]?B \/ [\d.]+ [KM]?B/)
  await expect(page.getByTestId('queue-totals')).toContainText('Uploading 1')
  expect(world.bridge.sent['uploads:progress'] ?? 0).toBeGreaterThan(flushesBefore)
})
