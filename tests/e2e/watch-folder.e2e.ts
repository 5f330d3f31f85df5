import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, seriousA11yViolations } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'
import { WatchPage } from './pages/watch-page'

test('a watched folder picks up a new file and publishes it', async ({ page, world }) => {
  const folder = join(world.dir, 'inbox')
  mkdirSync(folder)
  world.desktop.folderAnswers.push(folder)

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Watched folders')
  const watch = new WatchPage(page)
  await watch.add(world.boardName)
  await expect(watch.rows()).toHaveCount(1)
  await expect(watch.rows().first()).toHaveAttribute('data-status', 'watching')

  writeImage(folder, 'new-arrival.jpg', 'jpeg', { color: 'purple', size: '200x300' })
  await expect(watch.rows().first().getByTestId('watch-last-file')).toContainText('new-arrival.jpg', {
    timeout: 20_000,
  })

  await app.open('Queue')
  await new QueuePage(page).expectState('new-arrival.jpg', 'published', 30_000)
})

test('a file the watch refuses is listed under its folder with the reason, while a good file publishes', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'inbox')
  mkdirSync(folder)
  world.desktop.folderAnswers.push(folder)

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Watched folders')
  const watch = new WatchPage(page)
  await watch.add(world.boardName)
  const row = watch.rows().first()
  await expect(row).toHaveAttribute('data-status', 'watching')

  // Refused: text named .jpg; and a real photo (in a subfolder) whose sidecar title is too long.
  writeFileSync(join(folder, 'notes.jpg'), 'meeting notes, not a photo')
  mkdirSync(join(folder, 'old'))
  writeFileSync(join(folder, 'old', 'long.jpg.json'), JSON.stringify({ title: 'x'.repeat(150) }))
  writeImage(join(folder, 'old'), 'long.jpg', 'jpeg', { color: 'orange', size: '200x300' })
  writeImage(folder, 'good-one.jpg', 'jpeg', { color: 'teal', size: '200x300' })
  const problems = row.getByRole('list', { name: '2 files need attention, newest first' })
  await expect(problems.getByRole('listitem')).toHaveCount(2, { timeout: 20_000 })
  await expect(problems.getByRole('listitem').filter({ hasText: /^notes\.jpg:/ })).toContainText(
    'notes.jpg: notes.jpg is not an image or video (it is a text file)',
  )
  await expect(problems.getByRole('listitem').filter({ hasText: /^old\/long\.jpg:/ })).toContainText(
    'old/long.jpg: Title is 150 characters; Pinterest allows at most 100 (from its sidecar)',
  )
  await expect(row.getByTestId('watch-last-file')).toContainText('good-one.jpg', { timeout: 20_000 })
  expect(await seriousA11yViolations(page), 'axe on the watch screen with a problem listed').toEqual([])

  await app.open('Queue')
  const queue = new QueuePage(page)
  await queue.expectState('good-one.jpg', 'published', 30_000)
  await expect(page.getByText('notes.jpg', { exact: false })).toHaveCount(0)
})
