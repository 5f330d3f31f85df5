import { expect, it } from 'vitest'
import {
  checkBoardCount,
  checkInterval,
  spreadOverBoards,
  spreadPinCount,
} from '../../src/main/services/board-spread'

const HOUR = 3_600_000

it('one draft per board, the first at the file time and each next one interval later', () => {
  const now = 1_000_000
  const out = spreadOverBoards(
    [
      { path: '/a.jpg', meta: { title: 'a', boardId: '1', boardSectionId: '9' } },
      { path: '/b.jpg', meta: { title: 'b' }, publishAt: now + 5 * HOUR },
    ],
    { boards: [{ boardId: '1' }, { boardId: '2' }, { boardId: '3' }], intervalMs: 2 * HOUR },
    now,
  )
  expect(out.map((d) => [d.path, d.meta.boardId, d.publishAt, d.boardOffsetMs])).toEqual([
    ['/a.jpg', '1', undefined, undefined],
    ['/a.jpg', '2', now + 2 * HOUR, 2 * HOUR],
    ['/a.jpg', '3', now + 4 * HOUR, 4 * HOUR],
    ['/b.jpg', '1', now + 5 * HOUR, undefined],
    ['/b.jpg', '2', now + 7 * HOUR, 2 * HOUR],
    ['/b.jpg', '3', now + 9 * HOUR, 4 * HOUR],
  ])
  // The section named for one board stays on that board and does not follow the file to the others.
  expect(out.map((d) => d.meta.boardSectionId)).toEqual([
    '9',
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ])
  expect(out[0]!.meta.title).toBe('a')
})

it('an interval under one minute is refused, naming where it came from', () => {
  expect(() => checkInterval(30_000, '--interval')).toThrow(/--interval must be at least one minute/)
  expect(() => checkInterval(0, 'The interval')).toThrow(/The interval must be at least one minute/)
  expect(() => checkInterval(60_000, '--interval')).not.toThrow()
  expect(() => checkInterval(undefined, '--interval')).not.toThrow()
})

it('an interval over 366 days and more than 50 boards are refused, naming where they came from', () => {
  const DAY = 24 * HOUR
  expect(() => checkInterval(367 * DAY, '--interval')).toThrow(/--interval must be at most 366 days \(366d\)/)
  expect(() => checkInterval(366 * DAY, '--interval')).not.toThrow()
  expect(() => checkBoardCount(51, '--board')).toThrow(/--board names 51 boards; one add posts to at most 50/)
  expect(() => checkBoardCount(50, '--board')).not.toThrow()
})

it("each board's Pin goes to the section chosen for that board (issue 13: a section is not lost on board 2)", () => {
  const out = spreadOverBoards(
    [{ path: '/a.jpg', meta: { boardId: '1', boardSectionId: '9' } }],
    { boards: [{ boardId: '1' }, { boardId: '2', sectionId: '20' }, { boardId: '3' }], intervalMs: HOUR },
    0,
  )
  expect(out.map((d) => [d.meta.boardId, d.meta.boardSectionId])).toEqual([
    ['1', '9'],
    ['2', '20'],
    ['3', undefined],
  ])
})

it('without an interval every board keeps the file time, so pacing spaces one file on several boards', () => {
  const now = 1_000_000
  const out = spreadOverBoards(
    [
      { path: '/a.jpg', meta: { boardId: '1' } },
      { path: '/b.jpg', meta: {}, publishAt: now + HOUR },
    ],
    { boards: [{ boardId: '1' }, { boardId: '2' }], intervalMs: 0 },
    now,
  )
  expect(out.map((d) => [d.path, d.meta.boardId, d.publishAt])).toEqual([
    ['/a.jpg', '1', undefined],
    ['/a.jpg', '2', undefined],
    ['/b.jpg', '1', now + HOUR],
    ['/b.jpg', '2', now + HOUR],
  ])
  expect(out.every((d) => d.boardOffsetMs === undefined)).toBe(true)
})

it('a file whose sidecar names another board keeps that one Pin; the count follows (issue 13)', () => {
  const spread = { boards: [{ boardId: '1' }, { boardId: '2' }], intervalMs: HOUR }
  const drafts = [
    { path: '/a.jpg', meta: { boardId: '1' } },
    { path: '/own.jpg', meta: { boardId: '7', boardSectionId: '70' } },
  ]
  const out = spreadOverBoards(drafts, spread, 0)
  expect(out.map((d) => [d.path, d.meta.boardId, d.meta.boardSectionId, d.publishAt])).toEqual([
    ['/a.jpg', '1', undefined, undefined],
    ['/a.jpg', '2', undefined, HOUR],
    ['/own.jpg', '7', '70', undefined],
  ])
  expect(spreadPinCount(drafts, spread)).toBe(3)
  expect(spreadPinCount(drafts, undefined)).toBe(2)
})
