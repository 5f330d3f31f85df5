import { describe, expect, it } from 'vitest'
import { environmentFor } from '../../src/main/security/dev-switches'

const dev = {
  HOME: '/home/u',
  ELECTRON_RENDERER_URL: 'http://localhost:5173',
  PINLOAD_API_BASE: 'http://127.0.0.1:9/v5',
  PINLOAD_OAUTH_BASE: 'https://oauth.example/',
  PINLOAD_RATE_LIMITS: 'off',
  PINLOAD_DATA_DIR: '/data',
}

describe('development switches', () => {
  it('are honoured as they are when the app is not packaged', () => {
    expect(environmentFor(dev, false)).toEqual({ env: dev, ignored: [] })
  })

  it('are dropped by a packaged app, which says which and why', () => {
    const { env, ignored } = environmentFor(dev, true)
    expect(env).toEqual({ HOME: '/home/u', PINLOAD_DATA_DIR: '/data' })
    expect(ignored.map((i) => i.name).sort()).toEqual([
      'ELECTRON_RENDERER_URL',
      'PINLOAD_API_BASE',
      'PINLOAD_OAUTH_BASE',
      'PINLOAD_RATE_LIMITS',
    ])
  })

  it('let a packaged app use another https API only with the explicit flag', () => {
    const { env, ignored } = environmentFor({ ...dev, PINLOAD_ALLOW_CUSTOM_API: '1' }, true)
    expect(env.PINLOAD_OAUTH_BASE).toBe('https://oauth.example/')
    expect(env.PINLOAD_API_BASE).toBeUndefined()
    expect(ignored).toContainEqual({ name: 'PINLOAD_API_BASE', why: 'not an https address' })
    expect(env.ELECTRON_RENDERER_URL).toBeUndefined()
  })
})
