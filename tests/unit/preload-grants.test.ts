import { beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BridgeApi } from '../../src/shared/ipc/bridge-api'
import { INVOKE_CHANNEL_NAMES, PRELOAD_CHANNEL_NAMES } from '../../src/shared/ipc/channels'
import { invokeContract } from '../../src/shared/ipc/contract'
import { thumbnailSource } from '../../src/main/services/thumbnail-source'

// Issue 11, finding 2: page script cannot turn a string into a path grant. The preload runs here with
// Electron's three objects replaced: what it exposes, what it sends, and what webUtils says of a File.
const sent: { channel: string; input: unknown }[] = []
const diskPaths = new WeakMap<object, string>()
let api: BridgeApi

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_key: string, value: BridgeApi) => void (api = value) },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => {
      sent.push({ channel, input })
      return Promise.resolve({ ok: true, value: [] })
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
  webUtils: {
    // Electron answers '' for a File that is not on disk (one page script made).
    getPathForFile: (file: object) => diskPaths.get(file) ?? '',
  },
}))

beforeAll(async () => {
  await import('../../src/preload/index')
})

describe("the preload's page-visible API", () => {
  it('has no channel that turns a string into a grant', async () => {
    expect(INVOKE_CHANNEL_NAMES as readonly string[]).not.toContain('paths:grant-dropped')
    expect(PRELOAD_CHANNEL_NAMES).toEqual(['paths:grant-dropped'])
    // Every page channel that answers with a grant takes no input at all: the OS dialog chooses the path.
    const granting = INVOKE_CHANNEL_NAMES.filter((c) =>
      JSON.stringify(invokeContract[c].output.toJSONSchema()).includes('"grant"'),
    )
    expect(granting).toEqual([
      'dialog:pick-folder',
      'dialog:pick-csv',
      'dialog:pick-image',
      'dialog:pick-files',
    ])
    for (const c of granting)
      expect(invokeContract[c].input.safeParse({ path: '/etc/passwd' }).success).toBe(false)
    const r = await (api.invoke as (c: string, i: unknown) => Promise<unknown>)('paths:grant-dropped', {
      paths: ['/home/u/.ssh/id_rsa'],
    })
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(sent).toEqual([])
  })

  it('grants only dropped files that are on disk, over the preload-only channel', async () => {
    const forged = new File(['x'], 'id_rsa')
    expect(await api.grantDroppedFiles([forged])).toEqual({ ok: true, value: [] })
    expect(sent).toEqual([])
    const dropped = new File(['x'], 'beach.jpg')
    diskPaths.set(dropped, '/home/u/Pictures/beach.jpg')
    await api.grantDroppedFiles([forged, dropped])
    expect(sent).toEqual([
      { channel: 'pinload:paths:grant-dropped', input: { paths: ['/home/u/Pictures/beach.jpg'] } },
    ])
  })
})

describe('thumbnailSource', () => {
  const row = {
    source_path: '/p.png',
    content_type: 'image/png',
    state: 'published',
    error_kind: null,
  } as const
  it('names the file only once pre-flight passed, and never for a failed check', async () => {
    expect(await thumbnailSource(row)).toBe('/p.png')
    expect(await thumbnailSource({ ...row, state: 'queued', content_type: null })).toBeUndefined()
    expect(await thumbnailSource({ ...row, state: 'validating', content_type: null })).toBeUndefined()
    expect(await thumbnailSource({ ...row, state: 'failed', error_kind: 'validation' })).toBeUndefined()
    expect(await thumbnailSource({ ...row, state: 'failed', error_kind: 'file' })).toBeUndefined()
    expect(await thumbnailSource({ ...row, state: 'failed', error_kind: 'transient' })).toBe('/p.png')
    expect(await thumbnailSource(undefined)).toBeUndefined()
  })

  it('a draft (never pre-flighted) gets its image sniffed from its bytes; a non-image draft gets none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinload-thumb-'))
    try {
      const png = join(dir, 'draft.png')
      writeFileSync(png, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(32)]))
      const notes = join(dir, 'notes.png')
      writeFileSync(notes, 'secret text, named like an image')
      const draft = { source_path: png, content_type: null, state: 'draft', error_kind: null } as const
      expect(await thumbnailSource(draft)).toBe(png)
      expect(await thumbnailSource({ ...draft, source_path: notes })).toBeUndefined()
      expect(await thumbnailSource({ ...draft, source_path: join(dir, 'gone.jpg') })).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
