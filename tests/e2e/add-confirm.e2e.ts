import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { pngFolder } from '../support/media-bytes'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'

// Issue 11, finding 6: an add of more than 500 files, or the first post to a public board in a batch, asks
// first in the window (the question with the count and the board) and queues nothing until the answer is yes.
const queued = async (world: { invoke(c: string, i: unknown): Promise<unknown> }) => {
  const r = (await world.invoke('uploads:list', {})) as { value: { items: unknown[] } }
  return r.value.items.length
}

test('the first post to a public board asks, with the count and the board; no queues nothing, yes queues', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'trip')
  mkdirSync(folder)
  writeImage(folder, 'a.jpg', 'jpeg')
  writeImage(folder, 'b.png', 'png')
  await world.signInDirect()
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)

  await add.drop([folder])
  await expect(add.confirmSheet()).toContainText(
    `Post 2 files to the public board '${world.boardName}'? Everyone on Pinterest can see Pins there.`,
  )
  await add.confirmSheet().getByRole('button', { name: 'Don’t add' }).click()
  await expect(add.confirmSheet()).toBeHidden()
  expect(await queued(world)).toBe(0)

  await add.drop([folder])
  await add.confirm()
  await expect(add.result()).toContainText('2 queued')
  expect(await queued(world)).toBe(2)
})

test('a drop of more than 500 files asks first, with the count, even on a board that is not public', async ({
  page,
  world,
}) => {
  const team = world.backend.fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
  const folder = pngFolder(join(world.dir, 'many'), 501)
  await world.signInDirect()
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(team.name)

  await add.drop([folder])
  await expect(add.confirmSheet()).toContainText('Add 501 files at once (more than 500)?')
  expect(await queued(world)).toBe(0)
  // More than the threshold: the window offers drafts first, and says so (issue 13), never silently.
  const drafts = add.confirmSheet().getByRole('button', { name: 'Add as drafts' })
  await expect(drafts).toBeFocused()
  await expect(add.confirmSheet().getByRole('button', { name: 'Publish them all' })).toBeVisible()
  await drafts.click()
  await expect(add.result()).toContainText('501 added as drafts')
  await expect(app.toasts()).toContainText('501 Pins added as drafts.')
})
