import { afterEach, describe, expect, it } from 'vitest'
import { ItemState } from '../../src/shared/domain'
import { TERMINAL_STATES } from '../../src/shared/item-states'
import {
  CANCELLABLE,
  RETRYABLE,
  TRANSITIONS,
  TransitionError,
  canTransition,
} from '../../src/main/pipeline/transitions'
import { ItemStore } from '../../src/main/pipeline/item-store'
import { ItemRepository } from '../../src/main/db/item-repository'
import { harness, type Harness } from './pipeline-fixtures'

describe('transition table', () => {
  it('has an entry for every state and names only known states', () => {
    for (const s of ItemState.options) {
      expect(TRANSITIONS[s]).toBeDefined()
      for (const t of TRANSITIONS[s]) expect(ItemState.options).toContain(t)
    }
  })

  it('follows the happy paths of an image and a video', () => {
    const image: ItemState[] = ['queued', 'validating', 'creating', 'published']
    const video: ItemState[] = ['queued', 'validating', 'uploading', 'processing', 'creating', 'published']
    for (const path of [image, video]) {
      for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true)
    }
  })

  it('never leaves published, and never cancels or skips a create in flight', () => {
    expect(TRANSITIONS.published).toEqual([])
    expect(canTransition('creating', 'cancelled')).toBe(false)
    expect(canTransition('creating', 'skipped')).toBe(false)
    expect(CANCELLABLE).not.toContain('creating')
    expect(CANCELLABLE).not.toContain('published')
  })

  it('lets every retryable state go back to queued (or scheduled, its time ahead), and no terminal state run without a retry', () => {
    for (const s of RETRYABLE) expect(canTransition(s, 'queued')).toBe(true)
    for (const s of RETRYABLE) expect(canTransition(s, 'scheduled')).toBe(true)
    for (const s of TERMINAL_STATES) {
      for (const t of TRANSITIONS[s]) expect(['queued', 'scheduled', 'cancelled']).toContain(t)
    }
  })

  it('does not jump from queued straight to a later step', () => {
    for (const t of ['uploading', 'processing', 'creating', 'published'] as const)
      expect(canTransition('queued', t)).toBe(false)
  })
})

describe('ItemStore.transition', () => {
  let h: Harness
  afterEach(() => h.close())

  it('writes allowed moves in one transaction and refuses others without writing', () => {
    h = harness()
    const repo = new ItemRepository(h.db)
    const store = new ItemStore(repo)
    const batch = repo.createBatch({ kind: 'cli', label: 't' })
    const id = repo.insertItem(batch, 0, { draft: h.draft('/nowhere.jpg') })
    store.transition(id, 'validating', { content_hash: 'abc' })
    expect(repo.get(id)).toMatchObject({ state: 'validating', content_hash: 'abc' })
    expect(() => store.transition(id, 'published', { pin_id: 'p1' })).toThrow(TransitionError)
    expect(repo.get(id)).toMatchObject({ state: 'validating', pin_id: null })
    expect(() => store.transition(id, 'creating', {}, ['queued'])).toThrow(TransitionError)
    expect(repo.get(id)?.state).toBe('validating')
  })

  it('a step of a running item written from memory still notices a change made elsewhere and checks it again', () => {
    h = harness()
    const repo = new ItemRepository(h.db)
    const store = new ItemStore(repo)
    const batch = repo.createBatch({ kind: 'cli', label: 't' })
    const id = repo.insertItem(batch, 0, { draft: h.draft('/nowhere.jpg') })
    store.get(id)
    store.transition(id, 'creating', { create_fingerprint: '{}' }, undefined, 'validating')
    // Another writer (the CLI next to the app, a user action) parks the item behind the store's back.
    h.db
      .prepare("UPDATE items SET state = 'needs_attention', updated_at = updated_at + 1 WHERE id = ?")
      .run(id)
    expect(store.transition(id, 'published', { pin_id: 'p1' })).toMatchObject({
      state: 'published',
      pin_id: 'p1',
    })
    expect(repo.get(id)).toMatchObject({ state: 'published', pin_id: 'p1', create_fingerprint: '{}' })
    const other = repo.insertItem(batch, 1, { draft: h.draft('/nowhere2.jpg') })
    store.get(other)
    store.transition(other, 'creating', {}, undefined, 'validating')
    h.db.prepare("UPDATE items SET state = 'failed', updated_at = updated_at + 1 WHERE id = ?").run(other)
    expect(() => store.transition(other, 'published', { pin_id: 'p2' })).toThrow(TransitionError)
    expect(repo.get(other)).toMatchObject({ state: 'failed', pin_id: null })
  })
})
