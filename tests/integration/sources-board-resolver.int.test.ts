import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from 'vitest'
import type { PinterestClient } from '../../src/main/pinterest/pinterest-client'
import { createBoardResolver } from '../../src/main/sources/board-resolver'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { clientFor } from './pinterest-test-kit'

let fake: FakePinterest
let client: PinterestClient
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  fake.reset()
  client = clientFor(fake)
})
afterEach(async () => {
  await client.close()
})

const count = (method: string, path: string | RegExp) =>
  fake.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  ).length

it('creates a missing board and section once, however many callers ask at the same time', async () => {
  fake.addBoard({ name: 'Existing' })
  const resolver = createBoardResolver(client, { createMissing: true })
  const results = await Promise.all(Array.from({ length: 50 }, () => resolver.resolve('Autumn Ideas')))
  const ids = new Set(results.map((r) => ('id' in r ? r.id : r.error)))
  expect(ids.size).toBe(1)
  expect(fake.boards.map((b) => b.name)).toEqual(['Existing', 'Autumn Ideas'])
  expect(count('POST', '/v5/boards')).toBe(1)
  expect(count('GET', '/v5/boards')).toBe(1)
  // Later lookups (any case) find the created board without asking again.
  expect(await resolver.resolve('autumn ideas')).toEqual({ id: [...ids][0] })
  const boardId = [...ids][0]!
  const sections = await Promise.all(
    Array.from({ length: 20 }, () => resolver.resolveSection(boardId, 'Leaves')),
  )
  expect(new Set(sections.map((s) => ('id' in s ? s.id : s.error))).size).toBe(1)
  expect(count('POST', /\/sections$/)).toBe(1)
  expect(fake.boards[1]!.sections.map((s) => s.name)).toEqual(['Leaves'])
})

it('without createMissing names the boards there are, and lookups never create', async () => {
  for (const n of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']) fake.addBoard({ name: n })
  const resolver = createBoardResolver(client, { createMissing: false })
  expect(await resolver.resolve('Z')).toEqual({
    error: "No board named 'Z' (boards: A, B, C, D, E, F, G, H…)",
    missing: true,
  })
  const creating = createBoardResolver(client, { createMissing: true })
  expect(await creating.lookup('Z')).toMatchObject({ missing: true })
  expect(count('POST', '/v5/boards')).toBe(0)
  const id = fake.boards[2]!.id
  expect(await resolver.resolve(id)).toEqual({ id })
  expect(await resolver.resolve('  c ')).toEqual({ id })
})

it('turns an API failure into a message and tries again on the next call', async () => {
  fake.faults.add({
    match: { method: 'GET', path: '/v5/boards' },
    times: 1,
    action: { type: 'status', status: 403, code: 3, message: 'Not permitted' },
  })
  fake.addBoard({ name: 'Only' })
  const resolver = createBoardResolver(client, { createMissing: false })
  const first = await resolver.resolve('Only')
  expect('error' in first && first.error).toMatch(/^Could not list your boards: /)
  expect(await resolver.resolve('Only')).toEqual({ id: fake.boards[0]!.id })
})
