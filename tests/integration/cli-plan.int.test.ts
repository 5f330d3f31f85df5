import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { cliEnv, runCli } from './cli-helpers'

// Drafts, several boards with an interval, and edits through the real `pinload` command (a child process
// each time, so every step is also a restart) against the fake Pinterest (issue 13).
interface StatusItem {
  itemId: number
  batchId: number
  path?: string
  state: string
  board?: string
  publishAt?: string
}

let fake: FakePinterest
let root: string
let token: string
let travel: string
let food: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-cli-plan-'))
  token = fake.issueToken().accessToken
  // Protected boards: a first post asks nothing, so the command runs without --yes.
  travel = fake.addBoard({ name: 'Travel', privacy: 'PROTECTED' }).id
  food = fake.addBoard({ name: 'Food', privacy: 'PROTECTED' }).id
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

async function status(env: NodeJS.ProcessEnv): Promise<StatusItem[]> {
  const r = await runCli(['status', '--json'], env)
  expect(r.stderr).toBe('')
  return (JSON.parse(r.stdout) as { items: StatusItem[] }).items
}

const pinsTitled = (prefix: string) => fake.pins.filter((p) => p.title?.startsWith(prefix))

describe('pinload upload --draft, publish and edit', () => {
  it('drafts publish only when asked, with the text they were edited to, and survive restarts', async () => {
    const env = cliEnv(fake, join(root, 'drafts'), token)
    makeMedia(join(root, 'm-drafts'), { images: 3, videos: 0, prefix: 'draft' })
    const up = await runCli(
      ['upload', join(root, 'm-drafts'), '--board', 'Travel', '--title', '{name}', '--draft'],
      env,
    )
    expect(up.stderr).toBe('')
    expect(up.code).toBe(0)
    expect(up.stdout).toMatch(
      /Added as drafts in batch \d+: nothing is published until `pinload publish --batch \d+`/,
    )
    expect(pinsTitled('draft')).toHaveLength(0)

    // A restart (`pinload run`, a new process) leaves drafts alone.
    expect((await runCli(['run'], env)).code).toBe(0)
    const drafts = await status(env)
    expect(drafts.map((v) => [v.state, v.board])).toEqual([
      ['draft', travel],
      ['draft', travel],
      ['draft', travel],
    ])
    expect(pinsTitled('draft')).toHaveLength(0)

    // Edit one draft's text; a title over Pinterest's 100 characters is refused and changes nothing.
    const [first, second, third] = drafts as [StatusItem, StatusItem, StatusItem]
    const edited = await runCli(
      [
        'edit',
        String(first.itemId),
        '--title',
        'Edited title',
        '--description',
        'Edited words',
        '--link',
        'https://example.com/edited?a=1#top',
        '--alt',
        'Edited alt',
      ],
      env,
    )
    expect(edited.code).toBe(0)
    expect(edited.stdout).toContain('Edited 1 item(s).')
    const tooLong = await runCli(['edit', String(second.itemId), '--title', 'x'.repeat(101)], env)
    expect(tooLong.code).toBe(1)
    expect(tooLong.stdout).toMatch(/refused #\d+ +Title is 101 characters; Pinterest allows at most 100/)

    // Publish two by id: the third stays a draft.
    const pub = await runCli(['publish', String(first.itemId), String(second.itemId), '--json'], env)
    expect(pub.stderr).toBe('')
    expect(pub.code).toBe(0)
    expect(JSON.parse(pub.stdout)).toMatchObject({ ok: true, published: 2 })
    const pin = fake.pins.find((p) => p.title === 'Edited title')
    expect(pin).toMatchObject({
      board_id: travel,
      description: 'Edited words',
      link: 'https://example.com/edited?a=1#top',
      alt_text: 'Edited alt',
    })
    expect(pinsTitled('draft')).toHaveLength(1)
    const after = await status(env)
    expect(after.find((v) => v.itemId === third.itemId)?.state).toBe('draft')

    // A published item is not editable: refused by id, the exit code says some item did not take it.
    const late = await runCli(['edit', String(first.itemId), '--title', 'Too late'], env)
    expect(late.code).toBe(1)
    expect(late.stdout).toMatch(/refused #\d+ +Item \d+ is published/)

    // The last draft moves to another board and a time a day ahead: published with its batch, it waits.
    const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString()
    const moved = await runCli(
      ['edit', String(third.itemId), '--board', 'Food', '--publish-at', tomorrow, '--cover-time', 'none'],
      env,
    )
    expect(moved.code).toBe(0)
    const rest = await runCli(['publish', '--batch', String(third.batchId)], env)
    expect(rest.code).toBe(0)
    expect(rest.stdout).toContain('Published 1 draft(s).')
    expect(pinsTitled('draft')).toHaveLength(1)
    const last = (await status(env)).find((v) => v.itemId === third.itemId)
    expect(last).toMatchObject({ state: 'scheduled', board: food, publishAt: tomorrow })
  })

  it('--publish-at none and --cover-time none clear them (not an empty value); a date that does not exist is refused', async () => {
    const env = cliEnv(fake, join(root, 'none'), token)
    const { images, videos } = makeMedia(join(root, 'm-none'), { images: 0, videos: 1, prefix: 'none' })
    expect(images).toHaveLength(0)
    expect((await runCli(['upload', videos[0]!, '--board', 'Travel', '--draft'], env)).code).toBe(0)
    const [item] = await status(env)
    const id = String(item!.itemId)
    const ahead = new Date(Date.now() + 3_600_000).toISOString()
    expect((await runCli(['edit', id, '--publish-at', ahead, '--cover-time', '2'], env)).code).toBe(0)
    expect((await status(env))[0]).toMatchObject({ state: 'draft', publishAt: ahead })
    const cleared = await runCli(['edit', id, '--publish-at', 'none', '--cover-time', 'none'], env)
    expect(cleared.stdout).toContain('Edited 1 item(s).')
    expect(cleared.code).toBe(0)
    expect((await status(env))[0]!.publishAt).toBeUndefined()
    const bad = await runCli(['edit', id, '--publish-at', '2026-13-01T09:00:00Z'], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/2026-13-01T09:00:00Z is not a date and time/)
  })

  it('--section is looked up on the board the item goes to: an unknown one edits nothing, a name is its id', async () => {
    const env = cliEnv(fake, join(root, 'section'), token)
    const winter = fake.addSection(food, 'Winter')
    const { images } = makeMedia(join(root, 'm-section'), { images: 1, videos: 0, prefix: 'sect' })
    expect(
      (await runCli(['upload', images[0]!, '--board', 'Travel', '--title', 'sect', '--draft'], env)).code,
    ).toBe(0)
    const id = String((await status(env))[0]!.itemId)
    // Winter is a section of Food, not of Travel where the draft is.
    const wrong = await runCli(['edit', id, '--section', winter.id], env)
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toMatch(/No section named '\d+' on this board .*; nothing was edited/)
    const moved = await runCli(['edit', id, '--board', 'Food', '--section', 'winter'], env)
    expect(moved.code).toBe(0)
    expect((await runCli(['publish', id], env)).code).toBe(0)
    expect(fake.pins.find((p) => p.title === 'sect')).toMatchObject({
      board_id: food,
      board_section_id: winter.id,
    })
  })

  it('publish without naming drafts is a usage error; --all with none publishes nothing', async () => {
    const env = cliEnv(fake, join(root, 'usage'), token)
    const r = await runCli(['publish'], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Name the drafts to publish/)
    const all = await runCli(['publish', '--all', '--json'], env)
    expect(all.code).toBe(0)
    expect(JSON.parse(all.stdout)).toMatchObject({ ok: true, published: 0, results: [] })
    // An id that names no draft is said, and the exit code says some item did not take it.
    const none = await runCli(['publish', '999'], env)
    expect(none.code).toBe(1)
    expect(none.stdout).toMatch(/refused #999 +No item 999/)
  })
})

describe('pinload upload to several boards with --interval', () => {
  it('two boards, --interval 2h: one Pin now, one scheduled item two hours later, kept across a restart', async () => {
    const env = cliEnv(fake, join(root, 'boards'), token)
    const { images } = makeMedia(join(root, 'm-boards'), { images: 1, videos: 0, prefix: 'multi' })
    const before = Date.now()
    const up = await runCli(
      ['upload', images[0]!, '--board', 'Travel', '--board', 'Food', '--interval', '2h', '--title', '{name}'],
      env,
    )
    const after = Date.now()
    expect(up.stderr).toBe('')
    expect(up.code).toBe(0)
    expect(pinsTitled('multi').map((p) => p.board_id)).toEqual([travel])

    const items = await status(env)
    expect(items.map((v) => [v.state, v.board])).toEqual([
      ['published', travel],
      ['scheduled', food],
    ])
    const at = Date.parse(items[1]!.publishAt!)
    expect(items[1]!.publishAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect(at).toBeGreaterThanOrEqual(before + 2 * 3_600_000)
    expect(at).toBeLessThanOrEqual(after + 2 * 3_600_000)

    // A restart does not run it early, and the same upload again is a duplicate per board.
    expect((await runCli(['run'], env)).code).toBe(0)
    const again = await runCli(
      ['upload', images[0]!, '--board', 'Travel', '--board', 'Food', '--interval', '2h', '--json'],
      env,
    )
    expect(again.code).toBe(0)
    expect(pinsTitled('multi')).toHaveLength(1)
    expect((await status(env)).map((v) => [v.state, v.board, v.publishAt])).toEqual([
      ['published', travel, undefined],
      ['scheduled', food, items[1]!.publishAt],
    ])
  })

  it('an interval under one minute is refused naming --interval, and nothing is queued', async () => {
    const env = cliEnv(fake, join(root, 'short'), token)
    const { images } = makeMedia(join(root, 'm-short'), { images: 1, videos: 0, prefix: 'short' })
    const r = await runCli(
      ['upload', images[0]!, '--board', 'Travel', '--board', 'Food', '--interval', '30s'],
      env,
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--interval/)
    expect(r.stderr).toMatch(/at least one minute/)
    expect(await status(env)).toEqual([])
    expect(pinsTitled('short')).toHaveLength(0)
  })

  it('a board named twice (by name in any case, or by name and id) is refused: the interval is never lost', async () => {
    const env = cliEnv(fake, join(root, 'twice'), token)
    const { images } = makeMedia(join(root, 'm-twice'), { images: 1, videos: 0, prefix: 'twice' })
    for (const second of ['travel', travel]) {
      const r = await runCli(
        ['upload', images[0]!, '--board', 'Travel', '--board', second, '--interval', '2h'],
        env,
      )
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(new RegExp(`The board '${second}' is named twice: name each board once`))
    }
    expect(await status(env)).toEqual([])
    expect(pinsTitled('twice')).toHaveLength(0)
  })

  it('a file whose sidecar names its own board goes there once; the others go to every board', async () => {
    const env = cliEnv(fake, join(root, 'own-board'), token)
    const dir = join(root, 'm-own-board')
    const { images } = makeMedia(dir, { images: 2, videos: 0, prefix: 'ownb' })
    const own = fake.addBoard({ name: 'Own', privacy: 'PROTECTED' }).id
    writeFileSync(`${images[1]!}.json`, JSON.stringify({ board: 'Own' }))
    const r = await runCli(
      ['upload', dir, '--board', 'Travel', '--board', 'Food', '--interval', '2h', '--draft', '--json'],
      env,
    )
    expect(r.code).toBe(0)
    const where = (await status(env)).map((i) => `${i.path?.split('/').pop()}→${i.board}`).sort()
    const [first, second] = images.map((p) => p.split('/').pop()!)
    expect(where).toEqual([`${first}→${food}`, `${first}→${travel}`, `${second}→${own}`].sort())
  })

  it("a sidecar that names only a section puts its file in that section of the batch's board", async () => {
    const env = cliEnv(fake, join(root, 'own-section'), token)
    const dir = join(root, 'm-own-section')
    const { images } = makeMedia(dir, { images: 1, videos: 0, prefix: 'jars' })
    const jars = fake.addSection(travel, 'Jars').id
    writeFileSync(`${images[0]!}.json`, JSON.stringify({ section: 'Jars' }))
    const r = await runCli(['upload', dir, '--board', 'Travel', '--draft', '--json'], env)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const db = openDatabase({ dataDir: join(root, 'own-section') })
    try {
      expect(db.prepare('SELECT board_id, board_section_id FROM items').all()).toEqual([
        { board_id: travel, board_section_id: jars },
      ])
    } finally {
      db.close()
    }
  })

  it('an interval over 366 days and more than 50 --board are refused, naming the flag, and nothing is queued', async () => {
    const env = cliEnv(fake, join(root, 'limits'), token)
    const { images } = makeMedia(join(root, 'm-limits'), { images: 1, videos: 0, prefix: 'limits' })
    const far = await runCli(
      ['upload', images[0]!, '--board', 'Travel', '--board', 'Food', '--interval', '367d'],
      env,
    )
    expect(far.code).toBe(2)
    expect(far.stderr).toMatch(/--interval must be at most 366 days \(366d\)/)
    const boards = Array.from({ length: 51 }, () => ['--board', 'Travel']).flat()
    const many = await runCli(['upload', images[0]!, ...boards], env)
    expect(many.code).toBe(2)
    expect(many.stderr).toMatch(/at most 50 boards in one upload/)
    expect(await status(env)).toEqual([])
    expect(pinsTitled('limits')).toHaveLength(0)
  })

  it('drafts added with --interval 2h and published days later: one Pin now, the next two hours after the publish', async () => {
    const dir = join(root, 'late-drafts')
    const env = cliEnv(fake, dir, token)
    const { images } = makeMedia(join(root, 'm-late'), { images: 1, videos: 0, prefix: 'late' })
    const up = await runCli(
      ['upload', images[0]!, '--board', 'Travel', '--board', 'Food', '--interval', '2h', '--draft'],
      env,
    )
    expect(up.code, up.stderr).toBe(0)
    // As if they were added three days ago: the times the add computed are long past.
    const db = openDatabase({ dataDir: dir })
    db.prepare('UPDATE items SET publish_at = publish_at - ?, created_at = created_at - ?').run(
      3 * 86_400_000,
      3 * 86_400_000,
    )
    db.close()
    const before = Date.now()
    const pub = await runCli(['publish', '--all'], env)
    const after = Date.now()
    expect(pub.code, pub.stderr).toBe(0)
    expect(pinsTitled('late').map((p) => p.board_id)).toEqual([travel])
    const items = await status(env)
    expect(items.map((v) => [v.state, v.board])).toEqual([
      ['published', travel],
      ['scheduled', food],
    ])
    const at = Date.parse(items[1]!.publishAt!)
    expect(at).toBeGreaterThanOrEqual(before + 2 * 3_600_000)
    expect(at).toBeLessThanOrEqual(after + 2 * 3_600_000)
  })
})

describe('pinload edit beside the app', () => {
  it('edits a draft, but refuses an item the app may be sending (due, in the queue it runs)', async () => {
    const dir = join(root, 'beside')
    const app = await startTestApp({ dataDir: dir, fake, env: { PINLOAD_ACCESS_TOKEN: token } })
    try {
      // Paused, so the due item stays queued in the app's queue, which the app holds.
      await app.call('uploads:pause-all', {})
      const { images } = makeMedia(join(root, 'm-beside'), { images: 2, videos: 0, prefix: 'beside' })
      const grants = (await app.call<{ grant: string }[]>('paths:grant-dropped', { paths: images })).map(
        (g) => g.grant,
      )
      const add = (path: number, draft: boolean) =>
        app.call('uploads:add-paths', {
          grants: [grants[path]],
          defaults: { boardId: travel, titleTemplate: '{name}' },
          draft,
        })
      await add(0, true)
      await add(1, false)
      const { items } = await app.call<{ items: { id: number; state: string }[] }>('uploads:list', {})
      const draft = items.find((v) => v.state === 'draft')!
      const queued = items.find((v) => v.state === 'queued')!
      const env = cliEnv(fake, dir, token)
      const ok = await runCli(['edit', String(draft.id), '--title', 'Edited beside'], env)
      expect(ok.code).toBe(0)
      const refused = await runCli(['edit', String(queued.id), '--title', 'Too risky'], env)
      expect(refused.code).toBe(1)
      expect(refused.stdout).toMatch(/is due and another Pinload process runs the queue/)
      const after = await app.call<{ items: { id: number; title?: string }[] }>('uploads:list', {})
      expect(after.items.find((v) => v.id === draft.id)?.title).toBe('Edited beside')
      expect(after.items.find((v) => v.id === queued.id)?.title).not.toBe('Too risky')
    } finally {
      await app.shutdown()
    }
  })
})
