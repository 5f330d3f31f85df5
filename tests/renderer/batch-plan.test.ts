import { describe, expect, it } from 'vitest'
import { draftsFirst, queueLabel, readInterval } from '../../src/renderer/src/features/add/batch-plan'

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
  })

  it('offers drafts first above the confirmation threshold', () => {
    expect(draftsFirst(500)).toBe(false)
    expect(draftsFirst(501)).toBe(true)
  })
})
