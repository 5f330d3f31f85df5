import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { test, expect, type World } from './support/fixtures'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'
import { signInAs } from './pages/account-page'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'
import { QueueViewPage } from './pages/queue-view-page'

/** On the Add screen: a new folder holding one photo named after it, dropped on `board`; one Pin is queued. */
async function queuePhotoFolder(add: AddPage, world: World, board: string, name: string): Promise<void> {
  const dir = join(world.dir, name)
  mkdirSync(dir)
  writeImage(dir, `${name}.png`, 'png')
  await add.chooseBoard(board)
  await add.drop([dir])
  await expect(add.result()).toContainText('1 queued')
}

/** Picks the account for new batches in the sidebar and waits until the window shows it. */
async function switchTo(switcher: Locator, key: string): Promise<void> {
  await switcher.selectOption(key)
  await expect(switcher).toHaveValue(key)
}

test('switch account in the sidebar: a batch added under B shows B on its row and is posted with B’s token', async ({
  page,
  world,
}) => {
  const fake = world.backend.fake
  const boardA = fake.addBoard({ name: 'Brand A', owner: 'brand_a', privacy: 'PROTECTED' })
  const boardB = fake.addBoard({ name: 'Brand B', owner: 'brand_b', privacy: 'PROTECTED' })
  await signInAs(world, [
    ['brand_a', 'production'],
    ['brand_b', 'production'],
  ])

  const app = new AppPage(page)
  await app.load()
  const switcher = page.getByLabel('Account for new batches')
  await expect(switcher).toHaveValue('production:brand_b')

  await switchTo(switcher, 'production:brand_a')
  await app.open('Add')
  const add = new AddPage(page)
  await queuePhotoFolder(add, world, 'Brand A', 'first')

  await switchTo(switcher, 'production:brand_b')
  await queuePhotoFolder(add, world, 'Brand B', 'second')

  await app.open('Queue')
  const queue = new QueuePage(page)
  await expect(queue.row('second.png')).toContainText('as @brand_b')
  await expect(queue.row('first.png')).toContainText('as @brand_a')
  // Each row names its board, also the one of the account not in use (its boards were listed this session).
  await expect(queue.row('first.png')).toContainText('on Brand A')
  await expect(queue.row('second.png')).toContainText('on Brand B')
  // The details always name the account, with its environment.
  const view = new QueueViewPage(page)
  await view.row('first.png').locator('.row-main').click()
  await expect(view.inspector().locator('dt', { hasText: 'Account' }).locator('+ dd')).toHaveText(
    '@brand_a (production)',
  )
  await queue.expectState('second.png', 'published', 40_000)
  await expect
    .poll(() => fake.pins.filter((p) => p.board_id === boardB.id).map((p) => p.owner))
    .toEqual(['brand_b'])
  expect(fake.pins.filter((p) => p.board_id === boardA.id).every((p) => p.owner === 'brand_a')).toBe(true)
})

test('one username in production and in the sandbox: each row says which account it is', async ({
  page,
  world,
}) => {
  const fake = world.backend.fake
  fake.addBoard({ name: 'Both', owner: 'twin', privacy: 'PROTECTED' })
  await signInAs(world, [
    ['twin', 'production'],
    ['twin', 'sandbox'],
  ])

  const app = new AppPage(page)
  await app.load()
  const switcher = page.getByLabel('Account for new batches')
  await expect(switcher).toHaveValue('sandbox:twin')
  await app.open('Add')
  const add = new AddPage(page)
  await queuePhotoFolder(add, world, 'Both', 'in-sandbox')

  await switchTo(switcher, 'production:twin')
  await queuePhotoFolder(add, world, 'Both', 'in-production')

  await app.open('Queue')
  const queue = new QueuePage(page)
  await expect(queue.row('in-sandbox.png')).toContainText('as @twin (sandbox)')
  await expect(queue.row('in-production.png')).toContainText('as @twin (production)')
})

test('one account needs a sign-in: the queue names it and its items wait, and Pause all still pauses the rest', async ({
  page,
  world,
}) => {
  const fake = world.backend.fake
  fake.addBoard({ name: 'Brand A', owner: 'brand_a', privacy: 'PROTECTED' })
  await signInAs(world, [['brand_b', 'production']])
  const tokenA = fake.issueToken({ username: 'brand_a' }).accessToken
  expect(await world.invoke('account:use-token', { token: tokenA, environment: 'production' })).toMatchObject(
    {
      ok: true,
    },
  )
  // Held while the board is chosen (the boards list needs a live token); the token then expires.
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })

  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await queuePhotoFolder(add, world, 'Brand A', 'waits')
  fake.expireAccessToken(tokenA)
  expect(await world.invoke('uploads:resume-all', {})).toMatchObject({ ok: true })

  await app.open('Queue')
  const queue = new QueuePage(page)
  // brand_a is in use: the app's own sign-in banner says it, once.
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  await expect(page.getByTestId('account-waits')).toHaveCount(0)
  // With brand_b in use, the queue names the account that waits, and nothing else goes on.
  expect(await world.invoke('accounts:use', { key: 'production:brand_b' })).toMatchObject({ ok: true })
  await app.load()
  await app.open('Queue')
  const waits = page.getByTestId('account-waits')
  await expect(waits).toContainText('@brand_a: Sign in again to continue — its Pin waits.')
  // The queue itself runs for brand_b: no "Paused —", and Pause all (not Resume all) is offered.
  await expect(queue.totals()).not.toContainText('Paused —')
  await queue.pauseAll().click()
  await expect(queue.resumeAll()).toBeVisible()
  await expect(queue.totals()).toContainText('Paused — you paused the queue')
  await expect(waits).toContainText('@brand_a')
  // Its button switches to brand_a and opens the account screen to sign in.
  await waits.getByRole('button', { name: 'Sign in as @brand_a…' }).click()
  await expect(page.getByLabel('Account for new batches')).toHaveValue('production:brand_a')
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible()
})

test('an account signed out with Pins waiting: its note opens the Account screen to sign it in again', async ({
  page,
  world,
}) => {
  world.backend.fake.addBoard({ name: 'Brand A', owner: 'brand_a', privacy: 'PROTECTED' })
  await signInAs(world, [
    ['brand_b', 'production'],
    ['brand_a', 'production'],
  ])
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await queuePhotoFolder(add, world, 'Brand A', 'signed-out')
  expect(await world.invoke('account:sign-out', {})).toMatchObject({ ok: true })
  expect(await world.invoke('uploads:resume-all', {})).toMatchObject({ ok: true })

  await app.load()
  await app.open('Queue')
  const waits = page.getByTestId('account-waits')
  await expect(waits).toContainText('@brand_a: Sign in again to continue — its Pin waits.')
  // brand_a is no longer an account to switch to: the button opens Account, where another account is added.
  await waits.getByRole('button', { name: 'Sign in as @brand_a…' }).click()
  await expect(page.getByRole('heading', { name: 'Add another account' })).toBeVisible()
  await expect(page.getByText('Could not switch the account')).toHaveCount(0)
  // No app saved in this world (pasted tokens): the browser sign-in asks for one; a pasted token signs in.
  await expect(page.getByRole('button', { name: 'Sign in as another account…' })).toBeDisabled()
  await page
    .getByRole('textbox', { name: 'Access token' })
    .fill(world.backend.fake.issueToken({ username: 'brand_a' }).accessToken)
  await page.getByRole('button', { name: 'Use token' }).click()
  await expect(page.getByTestId('connected-as')).toContainText('brand_a')
  await app.open('Queue')
  await new QueuePage(page).expectState('signed-out.png', 'published', 30_000)
  await expect(waits).toHaveCount(0)
})

test("Pinterest's hold on an account other than the one in use is said, with whose it is", async ({
  page,
  world,
}) => {
  const fake = world.backend.fake
  const boardB = fake.addBoard({ name: 'Brand B', owner: 'brand_b', privacy: 'PROTECTED' })
  await signInAs(world, [
    ['brand_a', 'production'],
    ['brand_b', 'production'],
  ])
  fake.faults.add({
    match: { method: 'POST', path: '/v5/pins' },
    times: 1,
    action: { type: 'rate_limit', retryAfterSec: 90 },
  })
  // brand_b's Pin is added while brand_b is in use; brand_a is in use when the 429 comes.
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  const photo = writeImage(world.dir, 'held-b.jpg', 'jpeg', { color: 'teal' })
  expect(await addAsWindow(world.invoke, [photo], { boardId: boardB.id })).toMatchObject({ ok: true })
  expect(await world.invoke('accounts:use', { key: 'production:brand_a' })).toMatchObject({ ok: true })
  expect(await world.invoke('uploads:resume-all', {})).toMatchObject({ ok: true })

  const app = new AppPage(page)
  await app.load()
  await expect(page.getByTestId('rate-hold')).toContainText(
    /^Pinterest asked us to slow down for @brand_b — resuming in (\d+ s|[12] min)\.$/,
    { timeout: 30_000 },
  )
})
