import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { CSV_TEMPLATE } from '../../src/main/sources/csv-template'
import type { CsvPreview } from '../../src/shared/domain'
import { writeImage } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'

// Issue 18, point 9: "Download template" saves a CSV the import reads with every column known, to a file the
// user picks in main's save dialog (the window never names a path).
let fake: FakePinterest
let app: TestApp
let root: string
const saveAnswers: (string | null)[] = []

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-template-'))
  fake = await startFakePinterest({ rateLimits: false })
  fake.addBoard({ name: 'Recipes' })
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    desktop: { pickSaveFile: () => Promise.resolve(saveAnswers.shift() ?? null) },
  })
}, 60_000)

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

it('saves the template where the user chose, and the import knows all its columns', async () => {
  const file = join(root, 'mine.csv')
  saveAnswers.push(file)
  expect(await app.call('import:save-template', {})).toEqual({ saved: true, fileName: 'mine.csv' })
  expect(readFileSync(file, 'utf8')).toBe(CSV_TEMPLATE)

  const granted = await app.call<{ grant: string }[]>('paths:grant-dropped', { paths: [file] })
  const preview = await app.call<CsvPreview>('import:csv-preview', { grant: granted[0]!.grant })
  expect(preview.fileErrors).toEqual([])
  expect(preview.fileWarnings).toEqual([])
  expect(preview.rows.map((r) => r.line)).toEqual([2, 3])
  // The example file is not next to the template: that row says so, and only that.
  expect(preview.rows[0]!.errors.join(' ')).toMatch(/pasta\.jpg/)

  saveAnswers.push(null)
  expect(await app.call('import:save-template', {})).toEqual({ saved: false })
})

it('a board name the account lacks is matched once for all its rows (boardMatches), and marked until then', async () => {
  const recipes = fake.boards.find((b) => b.name === 'Recipes')!
  const dir = join(root, 'match')
  mkdirSync(dir)
  writeImage(dir, 'a.png', 'png', { color: 'red' })
  writeImage(dir, 'b.png', 'png', { color: 'blue' })
  const file = join(dir, 'pins.csv')
  writeFileSync(file, 'file,title,board\na.png,One,Dinner ideas\nb.png,Two,DINNER IDEAS\n')
  const [{ grant }] = await app.call<[{ grant: string }]>('paths:grant-dropped', { paths: [file] })
  const before = await app.call<CsvPreview>('import:csv-preview', { grant })
  expect(before.rows.map((r) => r.unknownBoard)).toEqual(['Dinner ideas', 'DINNER IDEAS'])
  expect(before.validCount).toBe(0)

  const after = await app.call<CsvPreview>('import:csv-preview', {
    grant,
    boardMatches: [{ name: 'dinner ideas', boardId: recipes.id }],
  })
  expect(after.validCount).toBe(2)
  expect(after.rows.map((r) => [r.unknownBoard, r.draft?.meta.boardId])).toEqual([
    [undefined, recipes.id],
    [undefined, recipes.id],
  ])
})
