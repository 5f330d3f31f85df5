import { describe, expect, it } from 'vitest'
import {
  boardTemplateError,
  draftsFirst,
  outcomeText,
  planBoards,
  queueLabel,
  readInterval,
} from '../../src/renderer/src/features/add/batch-plan'

const words = { files: 24, folders: 0, boards: 1, boardName: 'Recipes', adOnly: false }

describe('the New batch plan in words', () => {
  it('says what Queue will do: one board, several, ad-only, none yet', () => {
    expect(queueLabel(words)).toBe('Queue 24 Pins to Recipes')
    expect(queueLabel({ ...words, boards: 2 })).toBe('Queue 48 Pins to 2 boards')
    expect(queueLabel({ ...words, boards: 0, adOnly: true })).toBe('Queue 24 Pins as ad-only Pins')
    expect(queueLabel({ ...words, boards: 0 })).toBe('Choose a board for 24 Pins')
    expect(queueLabel({ ...words, files: 0, folders: 2, boards: 2 })).toBe(
      'Queue the files in 2 folders to 2 boards',
    )
  })

  it('reads the interval, refusing words and anything under a minute', () => {
    expect(readInterval('')).toEqual({})
    expect(readInterval('2h')).toEqual({ ms: 7_200_000 })
    expect(readInterval('3d')).toEqual({ ms: 3 * 86_400_000 })
    expect(readInterval('30s').error).toBe('The interval between boards must be at least one minute (1m).')
    expect(readInterval('soon').error).toMatch(/^Write the interval as/)
    expect(readInterval('366d')).toEqual({ ms: 366 * 86_400_000 })
    expect(readInterval('367d').error).toBe('The interval between boards must be at most 366 days (366d).')
  })

  it("keeps each board's own section, refuses an empty extra picker and more than 50 boards", () => {
    expect(
      planBoards({ boardId: '1', boardSectionId: '11' }, [
        { boardId: '2', boardSectionId: '22' },
        { boardId: '3' },
      ]),
    ).toEqual({
      boards: [{ boardId: '1', sectionId: '11' }, { boardId: '2', sectionId: '22' }, { boardId: '3' }],
    })
    // A board chosen twice is said, not merged: its interval and its second section would be lost.
    expect(
      planBoards({ boardId: '1' }, [{ boardId: '2' }, { boardId: '1', boardSectionId: '9' }]).error,
    ).toBe('Board 3 is the same board as board 1: choose another, or remove it.')
    expect(planBoards({ boardId: '1' }, [{ boardId: '2' }, {}]).error).toBe(
      'Board 3 has no board chosen: choose one, or remove it.',
    )
    const many = Array.from({ length: 50 }, (_, i) => ({ boardId: String(i + 2) }))
    expect(planBoards({ boardId: '1' }, many.slice(0, 49)).error).toBeUndefined()
    expect(planBoards({ boardId: '1' }, many).error).toBe(
      'One batch posts to at most 50 boards: remove some.',
    )
    expect(planBoards({ adOnly: true }, [{ boardId: '2' }])).toEqual({ boards: [] })
  })

  it('says before adding that {board} cannot name several boards', () => {
    expect(boardTemplateError(['{name} on {board}', ''], 1)).toBeUndefined()
    expect(boardTemplateError(['{name}', 'https://x.test/{board}'], 2)).toMatch(/^\{board\} names one board/)
    expect(boardTemplateError(['{name}', ''], 2)).toBeUndefined()
  })

  it('words the outcome naturally, ad-only Pins included', () => {
    const o = { queued: 2, drafts: true, adOnly: true, boards: 0, boardName: 'the chosen board' }
    expect(outcomeText(o)).toBe('2 ad-only Pins added as drafts')
    expect(outcomeText({ ...o, drafts: false, queued: 1 })).toBe('1 ad-only Pin queued')
    expect(outcomeText({ ...o, adOnly: false, boards: 2 })).toBe('2 Pins added as drafts to 2 boards')
    expect(outcomeText({ ...o, adOnly: false, boards: 1, drafts: false, boardName: 'Recipes' })).toBe(
      '2 Pins queued to Recipes',
    )
  })

  it('offers drafts first above the confirmation threshold, counted in Pins', () => {
    expect(draftsFirst(500)).toBe(false)
    expect(draftsFirst(501)).toBe(true)
  })
})
