import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { bytes } from '../support/media-bytes'
import { dropPaths } from './support/bridge-page'
import { AppPage } from './pages/app-page'
import { newBatchWithPhotos } from './pages/new-batch-page'
import { chooseBoard } from './pages/board-combobox'

// Issue 13 in the New batch sheet, as a review of it found missing: ad-only Pins, the drafts-first question
// counted in Pins (files × boards) and answered "Publish them all", a schedule kept by the footer's buttons,
// and the extra boards' pickers (empty ones, focus after removal, {board} with several boards).

type Listed = { value: { items: { state: string; boardId?: string; publishAt?: number }[] } }

test('"Ad-only, not on your profile" in the sheet sends is_removable with no board', async ({
  page,
  world,
}) => {
  const { sheet } = await newBatchWithPhotos(page, world, 'ads', ['lamp.jpg'])
  await chooseBoard(page, 'Board', 'Ad-only, not on your profile')
  await expect(sheet.getByRole('button', { name: 'Add another board' })).toHaveCount(0)
  await sheet.getByRole('button', { name: 'Queue 1 Pin as ad-only Pins' }).click()
  await expect(sheet.getByTestId('new-batch-result')).toHaveText('1 ad-only Pin queued.')

  const fake = world.backend.fake
  await expect.poll(() => fake.pins.length, { timeout: 20_000 }).toBe(1)
  // No board_id was sent: the fake files such a Pin under the "Ad-only Pins" board it makes on first use.
  const adBoard = fake.boards.find((b) => b.is_ads_only)
  expect(adBoard).toBeDefined()
  expect(fake.pins[0]).toMatchObject({ is_removable: true, board_id: adBoard!.id, title: 'lamp' })
})

test('260 files on 2 boards are 520 Pins: drafts are offered first, and "Publish them all" queues them', async ({
  page,
  world,
}) => {
  const a = world.backend.fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
  const b = world.backend.fake.addBoard({ name: 'Crew', privacy: 'PROTECTED' })
  const folder = join(world.dir, 'Shoot')
  mkdirSync(folder)
  const png = bytes.png()
  for (let i = 0; i < 260; i++) writeFileSync(join(folder, `p${String(i).padStart(3, '0')}.png`), png)
  await world.signInDirect()
  // Held, so the queued Pins are seen queued rather than published.
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  const app = new AppPage(page)
  await app.load()
  await dropPaths(page, 'main', [folder])
  const sheet = page.getByRole('dialog', { name: 'New batch' })
  await chooseBoard(page, 'Board', a.name)
  await sheet.getByRole('button', { name: 'Add another board' }).click()
  await chooseBoard(page, 'Board 2', b.name)
  await sheet.getByRole('button', { name: 'Queue the files in 1 folder to 2 boards' }).click()

  const ask = page.getByTestId('add-confirm')
  await expect(ask).toContainText('260 files · 520 Pins')
  await expect(ask.getByRole('button', { name: 'Add as drafts' })).toBeFocused()
  await ask.getByRole('button', { name: 'Publish them all' }).click()
  await expect(sheet.getByTestId('new-batch-result')).toContainText('520 Pins queued to 2 boards')
  const listed = (await world.invoke('uploads:list', {})) as Listed
  expect(listed.value.items).toHaveLength(520)
  expect(new Set(listed.value.items.map((i) => i.state))).toEqual(new Set(['queued']))
  expect(new Set(listed.value.items.map((i) => i.boardId))).toEqual(new Set([a.id, b.id]))
})

for (const button of ['Add as drafts', 'Queue 2 Pins to Team'] as const)
  test(`an open schedule goes with "${button}": the Pins keep their times`, async ({ page, world }) => {
    const team = world.backend.fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
    const { sheet } = await newBatchWithPhotos(page, world, 'Later', ['one.jpg', 'two.jpg'])
    await chooseBoard(page, 'Board', team.name)
    await sheet.getByRole('checkbox', { name: 'Spread over time' }).check()
    const panel = sheet.getByRole('group', { name: 'Schedule' })
    await panel.getByRole('radio', { name: 'One every…' }).check()
    await panel.getByRole('textbox', { name: 'Every' }).fill('2h')
    await panel.getByRole('textbox', { name: 'Time zone' }).fill('UTC')
    await panel.getByLabel('Start').fill('2030-01-07T10:00')
    await expect(panel.getByTestId('schedule-preview')).toContainText('First:')
    await sheet.getByRole('button', { name: button }).click()
    const drafts = button === 'Add as drafts'
    await expect(sheet.getByTestId('new-batch-result')).toContainText(
      `2 Pins ${drafts ? 'added as drafts' : 'queued'} to Team`,
    )

    const listed = (await world.invoke('uploads:list', {})) as Listed
    const start = Date.parse('2030-01-07T10:00:00Z')
    const state = drafts ? 'draft' : 'scheduled'
    expect(listed.value.items.map((i) => [i.state, i.publishAt])).toEqual([
      [state, start],
      [state, start + 2 * 3_600_000],
    ])
    expect(world.backend.fake.pins).toHaveLength(0)
  })

test('extra board pickers: an empty one is refused, removal keeps the focus, {board} and a long interval are shown', async ({
  page,
  world,
}) => {
  const team = world.backend.fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
  const { sheet } = await newBatchWithPhotos(page, world, 'Pickers', ['cup.jpg'])
  await chooseBoard(page, 'Board', world.boardName)
  const add = sheet.getByRole('button', { name: 'Add another board' })
  await add.click()
  await chooseBoard(page, 'Board 2', team.name)
  await add.click()
  await expect(sheet.getByTestId('boards-error')).toHaveText(
    'Board 3 has no board chosen: choose one, or remove it. Nothing is queued until it is fixed.',
  )
  await expect(sheet.getByRole('button', { name: 'Queue 2 Pins to 2 boards' })).toBeDisabled()
  await expect(sheet.getByRole('button', { name: 'Add as drafts' })).toBeDisabled()

  // Removing board 3 puts the focus on board 2's picker; removing board 2 on "Add another board".
  await sheet.getByRole('button', { name: 'Remove board 3' }).click()
  await expect(page.getByRole('combobox', { name: 'Board 2' })).toBeFocused()
  await expect(sheet.getByTestId('boards-error')).toHaveCount(0)

  // The interval's error describes its field; over 366 days is refused in the sheet.
  const interval = sheet.getByRole('textbox', { name: 'Interval between boards' })
  await interval.fill('400d')
  await expect(interval).toHaveAccessibleDescription(
    /The interval between boards must be at most 366 days \(366d\)\. Nothing is queued until it is fixed\./,
  )
  await interval.fill('2h')
  await expect(sheet.getByTestId('interval-error')).toHaveCount(0)
  // The schedule counts Pins, one per file and board; main times each file, its next board an interval later,
  // so the fields and the preview speak of files.
  await sheet.getByRole('checkbox', { name: 'Spread over time' }).check()
  await expect(sheet.getByRole('button', { name: 'Schedule 2 Pins' })).toBeVisible()
  await expect(sheet.getByRole('spinbutton', { name: 'Files a day' })).toBeVisible()
  await expect(sheet.getByTestId('schedule-preview')).toContainText('First files:')
  await sheet.getByRole('checkbox', { name: 'Spread over time' }).uncheck()

  // {board} names one board: with two, the sheet says so before anything is sent.
  await sheet.getByRole('textbox', { name: 'Title' }).fill('{name} on {board}')
  await expect(sheet.getByTestId('board-template-error')).toContainText('{board} names one board')
  await expect(sheet.getByRole('button', { name: 'Queue 2 Pins to 2 boards' })).toBeDisabled()

  await sheet.getByRole('button', { name: 'Remove board 2' }).click()
  await expect(add).toBeFocused()
  await expect(sheet.getByTestId('board-template-error')).toHaveCount(0)
  // Board 2's choice is not the next batch's board: the first picker's is.
  const recent = await page.evaluate(() => localStorage.getItem('pinload.recentBoards'))
  expect((JSON.parse(recent ?? '[]') as string[])[0]).toBe(world.boardId)
})

test("each board picker's section goes with its own board's Pins", async ({ page, world }) => {
  const fake = world.backend.fake
  const team = fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
  const crew = fake.addBoard({ name: 'Crew', privacy: 'PROTECTED' })
  const spring = fake.addSection(team.id, 'Spring')
  const autumn = fake.addSection(crew.id, 'Autumn')
  const { sheet } = await newBatchWithPhotos(page, world, 'Sections', ['pot.jpg'])
  await chooseBoard(page, 'Board', 'Team › Spring')
  await sheet.getByRole('button', { name: 'Add another board' }).click()
  await chooseBoard(page, 'Board 2', 'Crew › Autumn')
  await sheet.getByRole('button', { name: 'Add as drafts' }).click()
  await expect(sheet.getByTestId('new-batch-result')).toContainText('2 Pins added as drafts to 2 boards')
  const listed = (await world.invoke('uploads:list', {})) as {
    value: { items: { boardId?: string; boardSectionId?: string }[] }
  }
  expect(listed.value.items.map((i) => [i.boardId, i.boardSectionId])).toEqual([
    [team.id, spring.id],
    [crew.id, autumn.id],
  ])
})

// The picker's "Create board" answers after a request: what the user typed meanwhile must survive its answer
// (each change updates the latest plan, not the one the click saw).
test('a board created in Board 2 while the UTM field is typed keeps what was typed', async ({
  page,
  world,
}) => {
  const { sheet } = await newBatchWithPhotos(page, world, 'Slow', ['vase.jpg'])
  await chooseBoard(page, 'Board', world.boardName)
  await sheet.getByRole('button', { name: 'Add another board' }).click()
  // Hold the window's boards:create until the test lets it go.
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      __pinloadInvoke: (channel: string, json: string) => Promise<string>
      __releaseCreate?: () => void
    }
    const invoke = g.__pinloadInvoke
    const held = new Promise<void>((resolve) => (g.__releaseCreate = resolve))
    g.__pinloadInvoke = (channel, json) =>
      channel === 'boards:create' ? held.then(() => invoke(channel, json)) : invoke(channel, json)
  })
  const second = page.getByRole('combobox', { name: 'Board 2' })
  await second.click()
  await second.fill('Vases')
  await page.getByRole('option', { name: 'Create board “Vases”' }).click()
  const utm = sheet.getByRole('textbox', { name: 'UTM campaign' })
  await utm.fill('spring')
  await page.evaluate(() => (globalThis as unknown as { __releaseCreate: () => void }).__releaseCreate())
  await expect(second).toHaveValue('Vases')
  await expect(utm).toHaveValue('spring')
})
