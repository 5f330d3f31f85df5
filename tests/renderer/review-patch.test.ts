import { describe, expect, it } from 'vitest'
import type { ItemView } from '../../src/shared/domain'
import { toLocalInput } from '../../src/renderer/src/features/review/review-fields'
import { bulkPatch, patchOf, textsOf } from '../../src/renderer/src/features/review/review-patch'

const stored: ItemView = {
  id: 7,
  batchId: 1,
  name: 'lemon.jpg',
  kind: 'image',
  state: 'draft',
  boardId: '100',
  boardSectionId: '200',
  title: 'lemon',
  link: 'https://example.com/shop',
  bytesSent: 0,
  bytesTotal: 10,
  attempts: 0,
  updatedAt: 1,
}
const board = { boardId: '100', boardSectionId: '200' }

describe("the Pin editor's patch", () => {
  it('is empty while nothing changed', () => {
    expect(patchOf(stored, textsOf(stored), board, '')).toEqual({})
  })

  it('holds only the fields that changed; an emptied one is sent as "" (main clears it)', () => {
    const texts = { ...textsOf(stored), title: 'Lemon tart', link: '', altText: 'A tart' }
    expect(patchOf(stored, texts, board, '')).toEqual({
      title: 'Lemon tart',
      link: '',
      altText: 'A tart',
    })
  })

  it('moves the Pin to another board, clears the section with null, never unsets the board', () => {
    expect(patchOf(stored, textsOf(stored), { boardId: '101' }, '')).toEqual({
      boardId: '101',
      boardSectionId: null,
    })
    expect(patchOf(stored, textsOf(stored), { boardId: '100' }, '')).toEqual({ boardSectionId: null })
    expect(patchOf(stored, textsOf(stored), {}, '')).toEqual({ boardSectionId: null })
  })

  it('sets a publish time from the local date and time, and null once it is emptied', () => {
    const at = new Date(2030, 0, 2, 8, 15).getTime()
    expect(patchOf(stored, textsOf(stored), board, toLocalInput(at))).toEqual({ publishAt: at })
    const timed = { ...stored, publishAt: at }
    expect(patchOf(timed, textsOf(timed), board, toLocalInput(at))).toEqual({})
    expect(patchOf(timed, textsOf(timed), board, '')).toEqual({ publishAt: null })
  })

  it('is the problem in words when a value cannot be sent', () => {
    expect(patchOf(stored, { ...textsOf(stored), description: 'd'.repeat(801) }, board, '')).toBe(
      'Description is 801 characters; Pinterest takes at most 800.',
    )
    expect(patchOf(stored, { ...textsOf(stored), link: 'example.com' }, board, '')).toBe(
      'The link must start with https:// or http://.',
    )
    expect(patchOf(stored, textsOf(stored), board, '2030-02-31T10:00')).toBe(
      'The publish time is not a date and time.',
    )
  })
})

describe("the bulk edit's patch", () => {
  it('sets one text field, checked against its limit', () => {
    expect(bulkPatch('link', 'https://example.com/a?b=1#c', {}, '')).toEqual({
      link: 'https://example.com/a?b=1#c',
    })
    expect(bulkPatch('title', '', {}, '')).toEqual({ title: '' })
    expect(bulkPatch('altText', 'a'.repeat(501), {}, '')).toBe(
      'Alt text is 501 characters; Pinterest takes at most 500.',
    )
  })

  it('sets a board with its section (or none), and asks for one when none is chosen', () => {
    expect(bulkPatch('board', '', { boardId: '5', boardSectionId: '6' }, '')).toEqual({
      boardId: '5',
      boardSectionId: '6',
    })
    expect(bulkPatch('board', '', { boardId: '5' }, '')).toEqual({ boardId: '5', boardSectionId: null })
    expect(bulkPatch('board', '', {}, '')).toBe('Choose a board.')
  })

  it('sets a publish time, or clears it with an empty field', () => {
    const at = new Date(2031, 5, 1, 12, 0).getTime()
    expect(bulkPatch('publishAt', '', {}, toLocalInput(at))).toEqual({ publishAt: at })
    expect(bulkPatch('publishAt', '', {}, '')).toEqual({ publishAt: null })
    expect(bulkPatch('publishAt', '', {}, 'soon')).toBe('The publish time is not a date and time.')
  })
})
