import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeImage } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'
import { startFake } from './pinterest-test-kit'

/** `pinload carousel <ids…>` (the use case the review screen can call): drafts joined into one carousel Pin. */
interface StatusJson {
  items: { itemId: number; path?: string; state: string }[]
}

let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFake({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-make-carousel-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

it('joins three drafts into one carousel draft, refuses a lone item, and publishes one carousel Pin', async () => {
  fake.addBoard({ name: 'Looks' })
  const env = cliEnv(fake, join(root, 'data'), fake.issueToken().accessToken)
  const dir = join(root, 'shots')
  mkdirSync(dir)
  const files = ['red', 'green', 'blue'].map((c) => writeImage(dir, `${c}.jpg`, 'jpeg', { color: c }))
  const added = await runCli(['upload', '--yes', dir, '--board', 'Looks', '--draft'], env)
  expect(added.code, added.stderr).toBe(0)
  const status = await runCli(['status', '--json'], env)
  const items = (JSON.parse(status.stdout) as { items: { itemId: number; path?: string; state: string }[] })
    .items
  const ids = files.map((f) => items.find((i) => i.path === f)!.itemId)
  expect(items.map((i) => i.state)).toEqual(['draft', 'draft', 'draft'])

  const lone = await runCli(['carousel', String(ids[0])], env)
  expect(lone.code).toBe(2)
  expect(lone.stderr).toMatch(/A carousel takes 2 to 5 images; 1 item was named/)

  const made = await runCli(['carousel', ...ids.map(String), '--json'], env)
  expect(made.code, made.stderr).toBe(0)
  const { itemId } = JSON.parse(made.stdout) as { itemId: number }
  const after = (JSON.parse((await runCli(['status', '--json'], env)).stdout) as StatusJson).items
  expect(after.find((i) => i.itemId === itemId)?.state).toBe('draft')
  expect(after.filter((i) => ids.includes(i.itemId)).map((i) => i.state)).toEqual([
    'cancelled',
    'cancelled',
    'cancelled',
  ])
  expect(fake.pins).toHaveLength(0)

  const published = await runCli(['publish', '--all'], env)
  expect(published.code, published.stderr + published.stdout).toBe(0)
  expect(fake.pins).toHaveLength(1)
  expect(fake.pins[0]).toMatchObject({ media_source_type: 'multiple_image_base64', title: 'red' })
  expect(fake.pins[0]!.carousel_items?.map((i) => i.title)).toEqual(['red', 'green', 'blue'])
  expect(fake.specViolations).toEqual([])
}, 120_000)
