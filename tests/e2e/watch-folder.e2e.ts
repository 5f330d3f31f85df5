import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { makeImage } from './support/media'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'
import { WatchPage } from './pages/watch-page'

test('a watched folder picks up a new file and publishes it', async ({ page, world }) => {
  const folder = join(world.dir, 'inbox')
  mkdirSync(folder)
  world.shell.folderAnswers.push(folder)

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Watched folders')
  const watch = new WatchPage(page)
  await watch.add(world.boardName)
  await expect(watch.rows()).toHaveCount(1)
  await expect(watch.rows().first()).toHaveAttribute('data-status', 'watching')

  makeImage(join(folder, 'new-arrival.jpg'), 'purple')
  await expect(watch.rows().first().getByTestId('watch-last-file')).toContainText('new-arrival.jpg', { timeout: 20_000 })

  await app.open('Queue')
  await new QueuePage(page).expectState('new-arrival.jpg', 'published', 30_000)
})
