import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import type { ItemView, QueueTotals } from '../../src/shared/domain'
import { DB_FILE_NAME, openDatabaseFile } from '../../src/main/db/connection'
import { useAccountsWorld } from '../support/accounts-world'
import { addAsWindow } from '../support/add-paths-kit'
import { privateKeyring, realKeyring } from '../support/keychain'
import { writeImage } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

const secrets = privateKeyring('-accounts-publish')
const KEYS = [
  'production:brand_a',
  'production:brand_b',
  'production:brand_c',
  'production:brand_d',
  'production:brand_e',
  'production:brand_f',
]

describe.skipIf(!realKeyring)('two accounts of one environment (issue 15)', () => {
  const world = useAccountsWorld('accounts-publish', secrets, KEYS)

  it('each publishes as itself: its own token in the keychain, its own board, its own account key', async () => {
    const { fake, root } = world
    const boardA = fake.addBoard({ name: 'Brand', owner: 'brand_a' })
    const boardB = fake.addBoard({ name: 'Brand', owner: 'brand_b' })
    const tokenA = fake.issueToken({ username: 'brand_a' }).accessToken
    const tokenB = fake.issueToken({ username: 'brand_b' }).accessToken
    const dataDir = join(root, 'data')
    const started = await startTestApp({ dataDir, fake, secrets })
    world.app = started
    const useToken = (token: string) =>
      started.dispatch('account:use-token', { token, environment: 'production' })
    const publish = async (name: string, boardId: string) => {
      const dir = join(root, name)
      mkdirSync(dir)
      writeImage(dir, `${name}.png`, 'png')
      expect(await addAsWindow(started.dispatch, [dir], { boardId })).toMatchObject({ value: { queued: 1 } })
      await waitFor(`the Pin of ${name}`, () => fake.pins.some((p) => p.board_id === boardId))
    }

    expect(await useToken(tokenA)).toMatchObject({ ok: true, value: { username: 'brand_a' } })
    await publish('first', boardA.id)
    expect(await useToken(tokenB)).toMatchObject({ ok: true, value: { username: 'brand_b' } })
    await publish('second', boardB.id)

    expect(fake.pins.map((p) => [p.board_id, p.owner])).toEqual([
      [boardA.id, 'brand_a'],
      [boardB.id, 'brand_b'],
    ])
    expect((await loadTokenBundle(secrets, 'production:brand_a'))?.accessToken).toBe(tokenA)
    expect((await loadTokenBundle(secrets, 'production:brand_b'))?.accessToken).toBe(tokenB)
    // The window's switcher: the list marks the account in use, and `accounts:use` changes it.
    expect(await started.dispatch('accounts:list', {})).toMatchObject({
      ok: true,
      value: [
        { key: 'production:brand_a', current: false },
        { key: 'production:brand_b', current: true },
      ],
    })
    expect(await started.dispatch('accounts:use', { key: 'production:brand_a' })).toMatchObject({
      ok: true,
      value: { username: 'brand_a' },
    })
    expect(await started.dispatch('accounts:use', { key: 'production:nobody' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    })
    const db = openDatabaseFile(join(dataDir, DB_FILE_NAME), { migrate: false })
    try {
      expect(db.prepare('SELECT account_key FROM items ORDER BY id').all()).toEqual([
        { account_key: 'production:brand_a' },
        { account_key: 'production:brand_b' },
      ])
    } finally {
      db.close()
    }
  }, 60_000)

  it("an expired token pauses that account's items only: the other account publishes meanwhile", async () => {
    const { fake, root } = world
    const started = world.app!
    const boardC = fake.addBoard({ name: 'Shop', owner: 'brand_c' })
    const boardD = fake.addBoard({ name: 'Shop', owner: 'brand_d' })
    const tokenC = fake.issueToken({ username: 'brand_c' }).accessToken
    const useToken = (token: string) =>
      started.dispatch('account:use-token', { token, environment: 'production' })
    const items = async () =>
      ((await started.dispatch('uploads:list', {})) as { value: { items: ItemView[] } }).value.items
    const add = async (name: string, boardId: string) => {
      const dir = join(root, name)
      mkdirSync(dir)
      writeImage(dir, `${name}.png`, 'png')
      expect(await addAsWindow(started.dispatch, [dir], { boardId })).toMatchObject({ value: { queued: 1 } })
    }

    expect(await useToken(tokenC)).toMatchObject({ ok: true, value: { username: 'brand_c' } })
    fake.expireAccessToken(tokenC)
    await add('third', boardC.id)
    await waitFor('brand_c to need a new sign-in', async () => {
      const view = await started.dispatch('account:get', {})
      return (view as { value: { status: string } }).value.status === 'needs_sign_in'
    })

    expect(await useToken(fake.issueToken({ username: 'brand_d' }).accessToken)).toMatchObject({ ok: true })
    await add('fourth', boardD.id)
    await waitFor('the Pin of brand_d', () => fake.pins.some((p) => p.board_id === boardD.id))
    const byName = new Map((await items()).map((i) => [i.name, i.state]))
    expect(byName.get('fourth.png')).toBe('published')
    expect(byName.get('third.png')).not.toBe('published')
    expect(byName.get('third.png')).not.toBe('failed')
    expect(fake.pins.filter((p) => p.board_id === boardC.id)).toEqual([])
    // The queue is not paused: the totals name the account that waits, and why (the window shows Pause all).
    const list = (await started.dispatch('uploads:list', {})) as { value: { totals: QueueTotals } }
    expect(list.value.totals).toMatchObject({
      paused: false,
      waitingAccounts: [
        { key: 'production:brand_c', account: 'brand_c', reason: 'Sign in again to continue', items: 1 },
      ],
    })

    // Pause all still holds the other account's items while brand_c waits.
    expect(await started.dispatch('uploads:pause-all', {})).toMatchObject({
      ok: true,
      value: { paused: true },
    })
    // Another colour: the same picture on the same board would be skipped as a duplicate.
    const held = join(root, 'held-d')
    mkdirSync(held)
    writeImage(held, 'held.png', 'png', { color: 'teal' })
    expect(await addAsWindow(started.dispatch, [held], { boardId: boardD.id })).toMatchObject({
      value: { queued: 1 },
    })
    await started.app.services.queue.whenIdle()
    expect(new Map((await items()).map((i) => [i.name, i.state])).get('held.png')).toBe('queued')
    expect(fake.pins.filter((p) => p.board_id === boardD.id)).toHaveLength(1)
    expect(await started.dispatch('uploads:resume-all', {})).toMatchObject({ ok: true })
    await waitFor(
      'the held Pin of brand_d',
      () => fake.pins.filter((p) => p.board_id === boardD.id).length === 2,
    )

    // brand_c signs in again: its item goes, as brand_c.
    expect(await useToken(fake.issueToken({ username: 'brand_c' }).accessToken)).toMatchObject({ ok: true })
    await waitFor('the Pin of brand_c', () => fake.pins.some((p) => p.board_id === boardC.id))
    expect(fake.pins.find((p) => p.board_id === boardC.id)?.owner).toBe('brand_c')
  }, 60_000)

  it("after a switch, the items queued under the first account still go, each batch with its own user's token", async () => {
    const { fake, root } = world
    const started = world.app!
    const boardE = fake.addBoard({ name: 'Studio', owner: 'brand_e' })
    const boardF = fake.addBoard({ name: 'Studio', owner: 'brand_f' })
    const useToken = (username: string) =>
      started.dispatch('account:use-token', {
        token: fake.issueToken({ username }).accessToken,
        environment: 'production',
      })
    const add = async (name: string, files: number, boardId: string) => {
      const dir = join(root, name)
      mkdirSync(dir)
      for (let i = 0; i < files; i++) writeImage(dir, `${name}-${i}.png`, 'png')
      expect(await addAsWindow(started.dispatch, [dir], { boardId })).toMatchObject({
        value: { queued: files },
      })
    }

    // The queue holds both batches until both are in: brand_e's is queued before the switch to brand_f.
    await started.dispatch('uploads:pause-all', {})
    expect(await useToken('brand_e')).toMatchObject({ ok: true, value: { username: 'brand_e' } })
    await add('fifth', 3, boardE.id)
    expect(await useToken('brand_f')).toMatchObject({ ok: true, value: { username: 'brand_f' } })
    await add('sixth', 2, boardF.id)
    await started.dispatch('uploads:resume-all', {})

    const pinsOn = (boardId: string) => fake.pins.filter((p) => p.board_id === boardId)
    await waitFor(
      'both batches on the fake',
      () => pinsOn(boardE.id).length === 3 && pinsOn(boardF.id).length === 2,
    )
    // The fake files a Pin under the user of the token it was created with.
    expect(pinsOn(boardE.id).map((p) => p.owner)).toEqual(['brand_e', 'brand_e', 'brand_e'])
    expect(pinsOn(boardF.id).map((p) => p.owner)).toEqual(['brand_f', 'brand_f'])
    expect(await started.dispatch('account:get', {})).toMatchObject({ value: { username: 'brand_f' } })
  }, 60_000)
})
