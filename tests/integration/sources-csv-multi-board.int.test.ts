import { beforeEach, expect, it } from 'vitest'
import type { ImportService } from '../../src/main/sources/import-service'
import { bytes } from '../support/media-bytes'
import type { MemorySink } from '../support/source-doubles'
import { put, useCsvWorld, world } from './csv-import-kit'

// A CSV row to several boards (issue 13): `A|B|C` in the board cell, spaced by an `interval` column.
useCsvWorld()
let sink: MemorySink
let service: ImportService
let recipes: string
let travel: string
beforeEach(() => ({ sink, service, recipes, travel } = world))

const HOUR = 3_600_000

it('a board cell A|B gives one row per board, the next one interval later, and the queue gets both', async () => {
  put('a.jpg', bytes.jpeg())
  put('b.jpg', bytes.jpeg())
  const csv = put(
    'multi.csv',
    [
      'file,board,interval,publish_at,title',
      'a.jpg,Recipes|Travel,2h,,A',
      `b.jpg,Travel | ${recipes},1d,${new Date(world.clock + HOUR).toISOString()},B`,
    ].join('\n'),
  )
  const preview = await service.preview(csv)
  expect(preview.rows.map((r) => r.errors)).toEqual([[], [], [], []])
  const previewed = world.clock
  expect(preview.rows.map((r) => [r.line, r.draft?.meta.boardId, r.draft?.publishAt])).toEqual([
    [2, recipes, undefined],
    [2, travel, undefined],
    [3, travel, previewed + HOUR],
    [3, recipes, previewed + HOUR + 24 * HOUR],
  ])
  expect(preview.rows.every((r) => r.draft?.meta.title === (r.line === 2 ? 'A' : 'B'))).toBe(true)
  // Imported 20 minutes after the preview: a row without a time of its own is timed from the import.
  world.clock += 20 * 60_000
  const res = await service.confirm(preview.previewId)
  expect(res.queued).toBe(4)
  expect(sink.batches[0]!.drafts.map((d) => d.meta.boardId)).toEqual([recipes, travel, travel, recipes])
  expect(sink.batches[0]!.drafts.map((d) => d.publishAt)).toEqual([
    undefined,
    world.clock + 2 * HOUR,
    previewed + HOUR,
    previewed + HOUR + 24 * HOUR,
  ])
  // What each later board's Pin waits after the row's first, so a draft published later is timed from then.
  expect(sink.batches[0]!.drafts.map((d) => d.boardOffsetMs)).toEqual([
    undefined,
    2 * HOUR,
    undefined,
    24 * HOUR,
  ])
})

it('an interval under a minute, or not a duration, is an error on that row; the same board twice is a duplicate', async () => {
  put('a.jpg', bytes.jpeg())
  const csv = put(
    'bad.csv',
    [
      'file,board,interval',
      'a.jpg,Recipes|Travel,30s',
      'a.jpg,Recipes|Travel,soon',
      'a.jpg,Travel|Travel,1h',
    ].join('\n'),
  )
  const preview = await service.preview(csv)
  // A bad cell of an A|B row is said once for its line, not once per board.
  expect(preview.rows.map((r) => [r.line, r.errors])).toEqual([
    [2, ["'interval' 30s must be at least one minute (1m)"]],
    [3, ["'interval' soon is not a duration; use 90m, 2h or 3d"]],
    [4, []],
    [4, ['Duplicate of line 4: same media and board']],
  ])
  expect([preview.validCount, preview.errorCount]).toEqual([1, 3])
  const res = await service.confirm(preview.previewId)
  expect(res.problems.map((p) => p.message)).toEqual([
    "'interval' 30s must be at least one minute (1m)",
    "'interval' soon is not a duration; use 90m, 2h or 3d",
    'Duplicate of line 4: same media and board',
  ])
})

it('each board of A|B takes its own section from S1|S2; one name without | is looked up on every board', async () => {
  put('a.jpg', bytes.jpeg())
  put('b.jpg', bytes.jpeg())
  put('c.jpg', bytes.jpeg())
  put('d.jpg', bytes.jpeg())
  const beach = world.fake.addSection(travel, 'Beach').id
  const csv = put(
    'sections.csv',
    [
      'file,board,section',
      'a.jpg,Recipes|Travel,Soups|Beach',
      'b.jpg,Recipes|Travel,Soups',
      'c.jpg,Recipes|Travel,Soups|',
      'd.jpg,Travel|Recipes,Beach',
    ].join('\n'),
  )
  const preview = await service.preview(csv)
  expect(preview.rows.map((r) => [r.line, r.draft?.meta.boardId, r.draft?.meta.boardSectionId])).toEqual([
    [2, recipes, world.soups],
    [2, travel, beach],
    [3, recipes, world.soups],
    // Travel has no section Soups: that board's Pin is an error to fix, not put on the board unseen.
    [3, undefined, undefined],
    [4, recipes, world.soups],
    [4, travel, undefined],
    [5, travel, beach],
    [5, undefined, undefined],
  ])
  expect(preview.rows[3]!.errors.join(' ')).toMatch(/Soups/)
  expect(preview.rows[3]!.errors.join(' ')).toMatch(
    /looked up on every board of the row: give each board its own, .* like Soups\| or \|Soups/,
  )
  expect(preview.rows[7]!.errors.join(' ')).toMatch(/Beach/)
})

it('a section cell S1|S2 on a row of one board is the section of that very name if there is one, else an error', async () => {
  put('a.jpg', bytes.jpeg())
  put('b.jpg', bytes.jpeg())
  const winter = world.fake.addSection(recipes, 'Soups | Winter').id
  const csv = put(
    'one-board.csv',
    ['file,board,section', 'b.jpg,Recipes,Soups | Winter', 'a.jpg,Recipes,Soups|Beach'].join('\n'),
  )
  const preview = await service.preview(csv)
  expect(preview.rows[0]!.draft?.meta.boardSectionId).toBe(winter)
  expect(preview.rows.slice(1).map((r) => [r.line, r.errors])).toEqual([
    [3, ['The section cell names 2 sections for 1 board: give one section, or one board per section (A|B)']],
  ])
})

it('more sections than boards, more than 50 boards and an interval over 366 days are errors on that row', async () => {
  put('a.jpg', bytes.jpeg())
  const fiftyOne = Array.from({ length: 51 }, (_, i) => `B${i}`).join('|')
  const csv = put(
    'limits.csv',
    [
      'file,board,section,interval',
      'a.jpg,Recipes|Travel,Soups|Beach|Extra,',
      `a.jpg,${fiftyOne},,`,
      'a.jpg,Recipes|Travel,,367d',
    ].join('\n'),
  )
  const preview = await service.preview(csv)
  expect(preview.rows.map((r) => [r.line, r.errors])).toEqual([
    [
      2,
      [
        "The section cell names 3 sections for 2 boards: give at most one per board, in the board cell's order",
      ],
    ],
    [3, ['The board cell names 51 boards; a row posts to at most 50']],
    [4, ["'interval' 367d must be at most 366 days (366d)"]],
  ])
  expect(preview.validCount).toBe(0)
})
