import { describe, expect, it, vi } from 'vitest'
import { createIpcRouter, type IpcHandlers, type IpcSender } from '../../src/main/ipc/ipc-router'
import { ApiError } from '../../src/main/pinterest/api-error'
import { AppError } from '../../src/shared/ipc/result'

const trusted: IpcSender = { id: 1, frameUrl: 'file:///app/out/renderer/index.html', isMainFrame: true }
const settings = {
  concurrency: 3,
  videoTransfers: 1,
  bandwidthBytesPerSec: 0,
  rateProfile: 'standard' as const,
  dataDir: '/d',
  stableMs: 2000,
}

function setup(overrides: Partial<IpcHandlers> = {}) {
  const calls: string[] = []
  const handlers = new Proxy({} as IpcHandlers, {
    get(_t, channel: string) {
      const own = (overrides as Record<string, unknown>)[channel]
      if (own) return own
      return () => {
        calls.push(channel)
        return null
      }
    },
  })
  const router = createIpcRouter({ handlers, isTrustedSender: (s) => s.id === 1, checkOutputs: true })
  return { router, calls }
}

describe('ipc router', () => {
  it('dispatches a valid request to its handler', async () => {
    const setSettings = vi.fn((patch: object) => ({ ...settings, ...patch }))
    const { router } = setup({ 'settings:set': setSettings })
    const r = await router.dispatch('settings:set', { concurrency: 5 }, trusted)
    expect(r).toEqual({ ok: true, value: { ...settings, concurrency: 5 } })
    expect(setSettings).toHaveBeenCalledWith({ concurrency: 5 }, trusted)
  })

  it.each([
    ['wrong type', 'settings:set', { concurrency: 'five' }, /concurrency/],
    ['out of range', 'settings:set', { concurrency: 99 }, /concurrency/],
    ['extra field', 'uploads:remove', { itemId: 1, sql: 'drop table items' }, /sql|unrecognized/i],
    ['missing field', 'uploads:remove', {}, /itemId/],
    ['not an object', 'account:get', 'hello', /expected object/i],
    ['bad url', 'shell:open-external', { url: 'not a url' }, /url/i],
  ])('refuses a request with a %s before any service sees it', async (_name, channel, input, message) => {
    const { router, calls } = setup()
    const r = await router.dispatch(channel, input, trusted)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.kind).toBe('validation')
      expect(r.error.message).toMatch(message)
    }
    expect(calls).toEqual([])
  })

  it('refuses an unknown channel', async () => {
    const { router, calls } = setup()
    const r = await router.dispatch('fs:read-file', { path: '/etc/passwd' }, trusted)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'validation', message: 'Unknown channel: fs:read-file' })
    expect(calls).toEqual([])
  })

  it('refuses a foreign sender and a sub-frame', async () => {
    const { router, calls } = setup()
    const foreign = await router.dispatch(
      'account:get',
      {},
      { id: 7, frameUrl: 'https://evil.example/', isMainFrame: true },
    )
    const frame = await router.dispatch('account:get', {}, { ...trusted, isMainFrame: false })
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'permission' } })
    expect(frame).toMatchObject({ ok: false, error: { kind: 'permission' } })
    expect(calls).toEqual([])
  })

  it('turns thrown errors into Results without leaking internals', async () => {
    const { router } = setup({
      'boards:list': () => {
        throw new ApiError('permission', 'Trial apps may not create Pins in production.', {
          code: 29,
          fix: 'Use the sandbox.',
        })
      },
      'uploads:remove': () => {
        throw new AppError('not_found', 'No item 4.')
      },
      'account:get': () => {
        throw new Error('SQLITE_CORRUPT at /home/me/secret/path')
      },
    })
    expect(await router.dispatch('boards:list', {}, trusted)).toEqual({
      ok: false,
      error: {
        kind: 'permission',
        message: 'Trial apps may not create Pins in production. Use the sandbox.',
        code: '29',
      },
    })
    expect(await router.dispatch('uploads:remove', { itemId: 4 }, trusted)).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'No item 4.' },
    })
    const internal = await router.dispatch('account:get', {}, trusted)
    expect(internal).toMatchObject({ ok: false, error: { kind: 'internal' } })
    expect(JSON.stringify(internal)).not.toContain('secret')
  })

  it('catches a handler whose answer breaks the contract', async () => {
    const { router } = setup({ 'uploads:remove': () => ({ surprise: true }) as never })
    const r = await router.dispatch('uploads:remove', { itemId: 1 }, trusted)
    expect(r).toMatchObject({ ok: false, error: { kind: 'internal' } })
  })
})
