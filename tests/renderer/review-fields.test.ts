import { describe, expect, it } from 'vitest'
import type { ItemView } from '../../src/shared/domain'
import { PIN_LIMITS } from '../../src/shared/limits'
import { reviewBatches } from '../../src/renderer/src/features/review/review-batches'
import {
  fromLocalInput,
  textProblem,
  toLocalInput,
} from '../../src/renderer/src/features/review/review-fields'

describe('review field checks', () => {
  it('takes each text field up to its limit and names the field, length and limit past it', () => {
    for (const field of ['title', 'description', 'altText'] as const) {
      expect(textProblem(field, 'x'.repeat(PIN_LIMITS[field]))).toBeNull()
    }
    expect(textProblem('title', 'x'.repeat(112))).toBe(
      'Title is 112 characters; Pinterest takes at most 100.',
    )
    expect(textProblem('description', 'y'.repeat(801))).toBe(
      'Description is 801 characters; Pinterest takes at most 800.',
    )
    expect(textProblem('altText', 'z'.repeat(501))).toBe(
      'Alt text is 501 characters; Pinterest takes at most 500.',
    )
    const long = `https://example.com/${'a'.repeat(2100)}`
    expect(textProblem('link', long)).toBe(
      `Link is ${long.length.toLocaleString('en-US')} characters; Pinterest takes at most 2,048.`,
    )
  })

  it('takes an empty link or an http(s) URL, and refuses anything else', () => {
    expect(textProblem('link', '')).toBeNull()
    expect(textProblem('link', 'https://example.com/a?b=c#d')).toBeNull()
    expect(textProblem('link', 'http://example.com')).toBeNull()
    expect(textProblem('link', 'example.com')).toBe('The link must start with https:// or http://.')
    expect(textProblem('link', 'javascript:alert(1)')).toBe('The link must start with https:// or http://.')
  })

  it('turns a datetime-local value into epoch ms and back, and refuses days the calendar lacks', () => {
    const ms = new Date(2027, 2, 14, 9, 5).getTime()
    expect(toLocalInput(ms)).toBe('2027-03-14T09:05')
    expect(fromLocalInput('2027-03-14T09:05')).toBe(ms)
    expect(toLocalInput(undefined)).toBe('')
    expect(fromLocalInput('')).toBeNull()
    expect(fromLocalInput('2027-02-30T10:00')).toBeUndefined()
    expect(fromLocalInput('tomorrow')).toBeUndefined()
  })
})

function item(
  id: number,
  batchId: number,
  state: ItemView['state'],
  path = `/p/b${batchId}/${id}.jpg`,
): ItemView {
  return {
    id,
    batchId,
    name: `${id}.jpg`,
    path,
    state,
    bytesSent: 0,
    bytesTotal: 0,
    attempts: 0,
    updatedAt: 1,
  }
}

describe('batches to review', () => {
  it('lists editable items by batch, batches with drafts first and newest first, counting drafts', () => {
    const list = [
      item(1, 1, 'published'),
      item(2, 1, 'failed'),
      item(3, 2, 'draft'),
      item(4, 2, 'scheduled'),
      item(5, 2, 'uploading'),
      item(6, 3, 'queued'),
      item(7, 4, 'published'),
      item(8, 5, 'draft'),
    ]
    const items = Object.fromEntries(list.map((i) => [i.id, i]))
    const batches = reviewBatches(
      items,
      list.map((i) => i.id),
    )
    expect(batches.map((b) => [b.batchId, b.ids, b.drafts])).toEqual([
      [5, [8], 1],
      [2, [3, 4], 1],
      [3, [6], 0],
      [1, [2], 0],
    ])
    expect(batches[1]!.name).toBe('b2')
  })

  it('is empty when nothing can be edited', () => {
    const list = [item(1, 1, 'published'), item(2, 1, 'creating')]
    expect(reviewBatches(Object.fromEntries(list.map((i) => [i.id, i])), [1, 2])).toEqual([])
  })
})
