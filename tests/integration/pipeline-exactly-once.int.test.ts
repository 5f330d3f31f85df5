import { afterEach, describe, expect, it } from 'vitest'
import { ItemRepository } from '../../src/main/db/item-repository'
import { type BoardPinsPage, type CreatedPin, type PinterestApi } from '../../src/main/pinterest/api-types'
import { ApiError } from '../../src/main/pinterest/api-error'
import { makeFingerprint, pinMatches } from '../../src/main/pipeline/fingerprint'
import { parseCreatedAt, reconcileCreate } from '../../src/main/pipeline/reconcile'
import { harness, type Harness } from './pipeline-fixtures'
import { deferred } from './pipeline-memory-api'
import { waitFor } from '../support/wait-for'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const twin = { title: 'Summer', description: 'Summer 2025 collection', link: 'https://shop.example.com' }

describe('twins (same board, title, description, link)', () => {
  it('after a crash with both twins in creating and only B on the board, neither adopts the wrong Pin and nothing is posted', async () => {
    const t = (h = harness())
    const a = t.image('a.jpg')
    const b = t.image('b.jpg')
    t.queue.enqueue([t.draft(a, twin), t.draft(b, twin)], { kind: 'folder', label: 'f' })
    const repo = new ItemRepository(t.db)
    const [ra, rb] = repo.all()
    const t0 = Date.now()
    for (const [row, media] of [
      [ra!, 'sha256:a'],
      [rb!, 'sha256:b'],
    ] as const) {
      const fp = makeFingerprint({ boardId: 'b1', ...twin }, media)
      repo.update(row.id, {
        state: 'creating',
        kind: 'image',
        content_type: 'image/jpeg',
        create_fingerprint: JSON.stringify(fp),
        create_started_at: t0,
      })
    }
    // B's POST reached Pinterest before the kill; A's did not.
    const pinB = await t.api.createImagePinFromFile(
      { path: b, contentType: 'image/jpeg' },
      { boardId: 'b1', ...twin },
    )
    t.api.calls = []
    t.queue.start()
    await t.queue.whenIdle()
    expect(t.api.count('createImagePinFromFile')).toBe(0)
    expect(t.api.pins).toHaveLength(1)
    const [ia, ib] = t.queue.list().items
    expect(ia!.pinId).not.toBe(pinB.id)
    expect(ia!.state).toBe('needs_attention')
    expect(['needs_attention', 'published']).toContain(ib!.state)
    if (ib!.state === 'published') expect(ib!.pinId).toBe(pinB.id)
  })

  it('where Pinterest drops the marks, never sends two twin creates at once, yet publishes both', async () => {
    const t = (h = harness({ settings: { concurrency: 1 } }))
    t.api.keepsMarks = false
    t.api.delayMs = 20
    // A first answer shows the mark was dropped.
    t.queue.enqueue([t.draft(t.image('first.jpg'))], { kind: 'folder', label: 'f' })
    t.queue.start()
    await t.queue.whenIdle()
    t.settings.concurrency = 4
    t.queue.enqueue(
      [t.draft(t.image('t1.jpg'), twin), t.draft(t.image('t2.jpg'), twin), t.draft(t.image('t3.jpg'), twin)],
      { kind: 'folder', label: 'f' },
    )
    await t.queue.whenIdle()
    expect(t.api.maxActive.get('createImagePinFromFile')).toBe(1)
    expect(t.queue.list().items.map((i) => i.state)).toEqual(Array(4).fill('published'))
    expect(t.api.pins).toHaveLength(4)
  })

  it('a twin whose answer was lost holds back the next twin until it is settled', async () => {
    const t = (h = harness({ settings: { concurrency: 2 } }))
    t.api.fault = (m) => (m === 'createImagePinFromFile' ? 'commit-then-lose' : undefined)
    t.queue.enqueue([t.draft(t.image('l1.jpg'), twin), t.draft(t.image('l2.jpg'), twin)], {
      kind: 'folder',
      label: 'f',
    })
    t.queue.start()
    await t.queue.whenIdle()
    expect(t.api.pins).toHaveLength(2)
    const items = t.queue.list().items
    expect(items.map((i) => i.state)).toEqual(['published', 'published'])
    expect(new Set(items.map((i) => i.pinId)).size).toBe(2)
  })
})

/** A board listing served from fixed pages. */
function pagesApi(pages: CreatedPin[][]): PinterestApi {
  return {
    listBoardPins: (_board: string, bookmark: string | null | undefined): Promise<BoardPinsPage> => {
      const i = bookmark ? Number(bookmark) : 0
      return Promise.resolve({ items: pages[i] ?? [], bookmark: i + 1 < pages.length ? String(i + 1) : null })
    },
  } as unknown as PinterestApi
}

describe('reconcileCreate', () => {
  const started = Date.parse('2026-03-01T12:00:00Z')
  const fp = JSON.stringify(makeFingerprint({ boardId: 'b1', ...twin }, 'sha256:x'))
  const pin = (id: string, at: string, extra: Partial<CreatedPin> = {}): CreatedPin => ({
    id,
    boardId: 'b1',
    ...twin,
    createdAt: at,
    ...extra,
  })
  const base = {
    itemId: 1,
    fingerprint: fp,
    createStartedAt: started,
    adAccountId: null,
    isAdopted: () => false,
  }

  it('reads past an older Pin on a page and stops only after a page entirely older', async () => {
    const api = pagesApi([
      [
        pin('9', '2026-03-01T12:00:30Z', { title: 'other' }),
        pin('old', '2026-02-01T00:00:00Z', { title: 'x' }),
        pin('late', '2026-03-01T12:00:10Z'),
      ],
      [pin('old2', '2026-02-01T00:00:00Z', { title: 'y' })],
    ])
    expect(await reconcileCreate(api, base)).toMatchObject({ kind: 'found', pinId: 'late' })
  })

  it('two unadopted matches are ambiguous: unknown, not found', async () => {
    const api = pagesApi([[pin('1', '2026-03-01T12:00:01Z'), pin('2', '2026-03-01T12:00:02Z')]])
    expect((await reconcileCreate(api, base)).kind).toBe('unknown')
    expect(await reconcileCreate(api, { ...base, isAdopted: (id) => id === '1' })).toMatchObject({
      kind: 'found',
      pinId: '2',
    })
  })

  it('a twin still open in an overlapping window makes a single match unknown; an old one does not', async () => {
    const api = pagesApi([[pin('1', '2026-03-01T12:00:01Z')]])
    const rival = (at: number) => () => [
      {
        fingerprint: JSON.stringify(makeFingerprint({ boardId: 'b1', ...twin }, 'sha256:y')),
        createStartedAt: at,
      },
    ]
    expect((await reconcileCreate(api, { ...base, rivals: rival(started + 1000) })).kind).toBe('unknown')
    expect((await reconcileCreate(api, { ...base, rivals: rival(started - 86_400_000) })).kind).toBe('found')
  })

  it('a created_at without an offset is UTC', async () => {
    expect(parseCreatedAt('2026-03-01T12:00:00')).toBe(started)
    expect(parseCreatedAt('2026-03-01T14:00:00+02:00')).toBe(started)
    // 12:00 local would be read as hours off on a non-UTC machine; as UTC it is inside the window.
    const api = pagesApi([[pin('1', '2026-03-01T11:58:00')]])
    expect((await reconcileCreate(api, base)).kind).toBe('found')
  })

  it('compares alt text and section when the listed Pin carries them', () => {
    const f = makeFingerprint({ boardId: 'b1', ...twin, altText: 'A dog', boardSectionId: 's1' }, 'sha256:x')
    const p = pin('1', '2026-03-01T12:00:01Z')
    expect(pinMatches(p, f)).toBe(true)
    expect(pinMatches({ ...p, alt_text: 'A cat' } as CreatedPin, f)).toBe(false)
    expect(pinMatches({ ...p, board_section_id: 's2' } as CreatedPin, f)).toBe(false)
    expect(pinMatches({ ...p, alt_text: 'A dog', board_section_id: 's1' } as CreatedPin, f)).toBe(true)
  })
})

describe('cancel and lost answers around the create', () => {
  it('a cancel during pre-flight of a retried item ends cancelled, with no Pin', async () => {
    const gate = deferred()
    let preflights = 0
    let inPreflight: () => void = () => {}
    const reached = new Promise<void>((r) => (inPreflight = r))
    const t = (h = harness({
      validator: {
        quick: false,
        checkPinFields: () => [],
        preflightFile: async () => {
          if (++preflights === 2) {
            inPreflight()
            await gate.promise
          }
          return {
            ok: true,
            value: { kind: 'image', contentType: 'image/jpeg', size: 10, mtimeMs: 1 },
          } as never
        },
      },
    }))
    // The first create is refused outright (nothing created), so the item is retried after a backoff.
    t.api.fault = (m, n) =>
      m === 'createImagePinFromFile' && n === 1
        ? new ApiError('transient', 'Service unavailable', { outcomeUnknown: false })
        : undefined
    t.queue.enqueue([t.draft(t.image('c.jpg'))], { kind: 'cli', label: 'c' })
    t.queue.start()
    await reached
    const id = t.queue.list().items[0]!.id
    expect(t.queue.cancel({ itemId: id })).toBe(1)
    gate.resolve()
    await t.queue.whenIdle()
    expect(t.queue.list().items[0]!.state).toBe('cancelled')
    expect(t.api.count('createImagePinFromFile')).toBe(1)
    expect(t.api.count('listBoardPins')).toBe(0)
    expect(t.api.pins).toHaveLength(0)
  })

  it('after a lost answer the board is checked only after the grace period, finding a Pin written late', async () => {
    // The queue's clock is the test's: the grace passes when the test says so, not while a busy machine dawdles.
    let clock = Date.now()
    const t = (h = harness({ createGraceMs: 300, now: () => clock }))
    t.api.now = () => clock
    const path = t.image('late.jpg')
    let lostAt = 0
    const listedAt: number[] = []
    t.api.fault = (m, n) => {
      if (m === 'listBoardPins') listedAt.push(clock)
      if (m !== 'createImagePinFromFile' || n !== 1) return undefined
      lostAt = clock
      return new ApiError('transient', 'timed out', { outcomeUnknown: true })
    }
    t.queue.enqueue([t.draft(path)], { kind: 'cli', label: 'l' })
    t.queue.start()
    await waitFor('the lost create to wait out its grace', () => {
      const item = t.queue.list().items[0]!
      return item.state === 'creating' && item.error?.kind === 'transient' && t.api.inFlight === 0
    })
    // The server was still writing the Pin (with the fields sent, its mark too) when the connection dropped.
    await t.api.createImagePinFromFile({ path, contentType: 'image/jpeg' }, t.api.sent.at(0)!)
    expect(listedAt).toEqual([])
    clock += 300
    await t.queue.whenIdle()
    expect(t.api.pins).toHaveLength(1)
    expect(t.queue.list().items[0]).toMatchObject({ state: 'published', pinId: t.api.pins[0]!.id })
    expect(listedAt[0]).toBeGreaterThanOrEqual(lostAt + 300)
  })

  it('a create a crash left open is checked only once its grace has passed', async () => {
    let clock = Date.now()
    const t = (h = harness({ createGraceMs: 250, now: () => clock }))
    t.api.now = () => clock
    const listedAt: number[] = []
    t.api.fault = (m) => void (m === 'listBoardPins' && listedAt.push(clock))
    const path = t.image('young.jpg')
    t.queue.enqueue([t.draft(path, { title: 'Young' })], { kind: 'cli', label: 'y' })
    const repo = new ItemRepository(t.db)
    const started = clock
    const fp = makeFingerprint({ boardId: 'b1', title: 'Young' }, 'sha256:x')
    repo.update(repo.all()[0]!.id, {
      state: 'creating',
      kind: 'image',
      create_fingerprint: JSON.stringify(fp),
      create_started_at: started,
    })
    t.queue.start()
    // Started within its grace: it waits, and the server finishes writing the Pin meanwhile.
    expect(t.queue.list().items[0]!.state).toBe('creating')
    await t.api.createImagePinFromFile({ path, contentType: 'image/jpeg' }, { boardId: 'b1', title: 'Young' })
    expect(listedAt).toEqual([])
    clock += 250
    await t.queue.whenIdle()
    expect(t.api.pins).toHaveLength(1)
    expect(t.queue.list().items[0]).toMatchObject({ state: 'published', pinId: t.api.pins[0]!.id })
    expect(listedAt[0]).toBeGreaterThanOrEqual(started + 250)
  })
})
