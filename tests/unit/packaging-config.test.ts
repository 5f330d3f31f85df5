import { describe, expect, it } from 'vitest'
// @ts-expect-error -- plain ESM config read by electron-builder, typed by its JSDoc only
import { config, fuses, unpacked } from '../../electron-builder.config.mjs'

interface BuilderConfig {
  appId: string
  productName: string
  files: string[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  electronFuses: Record<string, boolean>
  fileAssociations: unknown[]
  linux: { target: string[] }
  mac: { target: string[] }
  win: { target: string[] }
}
const c = config as BuilderConfig

describe('packaging configuration', () => {
  it('flips the fuses a desktop app that never runs as Node wants', () => {
    expect(c.electronFuses).toBe(fuses)
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('builds an installer per platform, with no file associations', () => {
    expect(c.linux.target).toEqual(['AppImage', 'deb'])
    expect(c.mac.target).toEqual(['dmg'])
    expect(c.win.target).toEqual(['nsis', 'zip'])
    expect(c.fileAssociations).toEqual([])
    expect(c.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
    expect(c.productName).toBe('Pinload')
  })

  it('packs the built code into an asar, natives unpacked and rebuilt for Electron', () => {
    expect(c.asar).toBe(true)
    expect(c.files[0]).toBe('out/**/*')
    expect(c.asarUnpack).toBe(unpacked)
    expect(unpacked).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/@napi-rs/keyring*/**']),
    )
    expect(c.npmRebuild).toBe(true)
  })
})
