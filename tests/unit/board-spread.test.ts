import { expect, it } from 'vitest'
import { checkInterval, spreadOverBoards } from '../../src/main/services/board-spread'

const HOUR = 3_600_000

it('one draft per board, the first at the file time and each next one interval later', () => {
  const now = 1_000_000
  const out = spreadOverBoards(
    [
      { path: '/a.jpg', meta: { title: 'a', boardId: '1', boardSectionId: '9' } },
      { path: '/b.jpg', meta: { title: 'b' }, publishAt: now + 5 * HOUR },
    ],
    { boardIds: ['1', '2', '3'], intervalMs: 2 * HOUR },
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
  // The section named for one board does not follow the file to the others.
  expect(out.every((d) => d.meta.boardSectionId === undefined)).toBe(true)
  expect(out[0]!.meta.title).toBe('a')
})

it('an interval under one minute is refused, naming where it came from', () => {
  expect(() => checkInterval(30_000, '--interval')).toThrow(/--interval must be at least one minute/)
  expect(() => checkInterval(0, 'The interval')).toThrow(/The interval must be at least one minute/)
  expect(() => checkInterval(60_000, '--interval')).not.toThrow()
  expect(() => checkInterval(undefined, '--interval')).not.toThrow()
})

it('without an interval every board keeps the file time, so pacing spaces one file on several boards', () => {
  const now = 1_000_000
  const out = spreadOverBoards(
    [
      { path: '/a.jpg', meta: { boardId: '1' } },
      { path: '/b.jpg', meta: {}, publishAt: now + HOUR },
    ],
    { boardIds: ['1', '2'], intervalMs: 0 },
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
