/**
 * Issue 11, findings 9 and 10: a lost create is matched on more than its visible text (the mark it sent as
 * `dominant_color`), and twins (same board and text) neither stall behind each other's grace period nor adopt
 * each other's or a stranger's Pin; a Pin that lands during the grace is adopted at the next look.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { BoardPinsPage, CreatedPin, PinterestApi } from '../../src/main/pinterest/api-types'
import { makeFingerprint } from '../../src/main/pipeline/fingerprint'
import { reconcileCreate } from '../../src/main/pipeline/reconcile'
import { harness, type Harness } from './pipeline-fixtures'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const blank = { title: '' }

function pagesApi(pins: CreatedPin[]): PinterestApi {
  return {
    listBoardPins: (): Promise<BoardPinsPage> => Promise.resolve({ items: pins, bookmark: null }),
  } as unknown as PinterestApi
}

describe('matching a lost create on more than visible text', () => {
  const started = Date.parse('2026-03-01T12:00:00Z')
  const at = new Date(started + 1000).toISOString()
  const stranger: CreatedPin = { id: 's1', boardId: 'b1', title: '', createdAt: at, dominantColor: '#6e7874' }
  const input = (fp: object, extra = {}) => ({
    itemId: 1,
    fingerprint: JSON.stringify(fp),
    createStartedAt: started,
    adAccountId: null,
    isAdopted: (id: string) => id === 'own',
    ...extra,
  })
  const marked = { ...makeFingerprint({ boardId: 'b1', ...blank }, 'sha256:x'), marker: '#5a6b7c' }

  it('an empty-titled Pin without this attempt’s mark is not adopted', async () => {
    const out = await reconcileCreate(pagesApi([stranger]), input(marked))
    expect(out.kind).toBe('unknown')
  })

  it('once own Pins are listed with their marks, the stranger is proved not ours: absent', async () => {
    const own: CreatedPin = { ...stranger, id: 'own', dominantColor: '#A0A0A0' }
    const out = await reconcileCreate(
      pagesApi([own, stranger]),
      input(marked, { markerOf: (id: string) => (id === 'own' ? '#a0a0a0' : null) }),
    )
    expect(out.kind).toBe('absent')
  })

  it('the Pin carrying the mark is adopted even among look-alikes', async () => {
    const ours: CreatedPin = { ...stranger, id: 'p2', dominantColor: '#5A6B7C' }
    const out = await reconcileCreate(pagesApi([stranger, ours]), input(marked))
    expect(out).toMatchObject({ kind: 'found', pinId: 'p2' })
  })

  it('a fingerprint from before the marks, with no visible text, adopts nothing either', async () => {
    const legacy = makeFingerprint({ boardId: 'b1', ...blank }, 'sha256:x')
    expect((await reconcileCreate(pagesApi([stranger]), input(legacy))).kind).toBe('unknown')
  })
})

describe('twins in the queue', () => {
  it('a lost create is not settled with a stranger’s empty-titled Pin: it is sent again', async () => {
    const t = (h = harness({ settings: { concurrency: 1 } }))
    t.api.fault = (m, n) => {
      if (m !== 'createImagePinFromFile' || n !== 2) return undefined
      // Someone posts an untitled Pin to the board on the web while our answer is lost.
      void t.api.createImagePinFromUrl('https://example.com/x.jpg', { boardId: 'b1', title: '' })
      return new Error('socket hang up')
    }
    t.queue.enqueue([t.draft(t.image('a.jpg'), blank), t.draft(t.image('b.jpg'), blank)], {
      kind: 'cli',
      label: 'b',
    })
    t.queue.start()
    await t.queue.whenIdle()
    const items = t.queue.list().items
    expect(items.map((i) => i.state)).toEqual(['published', 'published'])
    const strangerPin = t.api.pins.find((p) => p.source === 'https://example.com/x.jpg')!
    expect(items.map((i) => i.pinId)).not.toContain(strangerPin.id)
    // b.jpg was sent again and is on the board once.
    expect(t.api.pins.filter((p) => p.source.endsWith('b.jpg'))).toHaveLength(1)
  })

  it('twins do not wait for each other’s grace, and a Pin landing during it is adopted at the next look', async () => {
    // Far longer than the four creates take even on a busy machine: finishing in half of it means no wait.
    const graceMs = 60_000
    const t = (h = harness({ createGraceMs: graceMs, settings: { concurrency: 2 } }))
    t.api.fault = (m, n) => (m === 'createImagePinFromFile' && n === 1 ? 'commit-then-lose' : undefined)
    const started = Date.now()
    t.queue.enqueue(
      ['t1.jpg', 't2.jpg', 't3.jpg', 't4.jpg'].map((f) => t.draft(t.image(f), blank)),
      { kind: 'cli', label: 't' },
    )
    t.queue.start()
    // While it waits, the item says what it is doing and until when.
    await expect
      .poll(() => t.queue.list().items.find((i) => i.state === 'creating')?.error?.message ?? '', {
        timeout: 5000,
        interval: 20,
      })
      .toMatch(/^Checking whether Pinterest created it…, until \d{1,2}[:.]\d{2}/)
    await t.queue.whenIdle()
    const elapsed = Date.now() - started
    const items = t.queue.list().items
    expect(items.map((i) => i.state)).toEqual(Array(4).fill('published'))
    expect(t.api.pins).toHaveLength(4)
    expect(new Set(items.map((i) => i.pinId)).size).toBe(4)
    expect(t.api.count('createImagePinFromFile')).toBe(4)
    expect(elapsed).toBeLessThan(graceMs / 2)
  }, 90_000)
})
