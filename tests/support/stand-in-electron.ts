import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The marker @electron/fuses looks for in an Electron binary, followed by the fuse wire. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Fuses in FuseV1Options order (@electron/fuses); a real Electron 45 binary carries this many. */
const FUSE_COUNT = 9

/**
 * A stand-in Electron distribution for packing without the real binary (which cannot be downloaded here): an
 * executable stub named `electron` that carries a fuse wire, all fuses on, so flipping them can be checked,
 * and the `version` file electron-builder reads.
 */
export function makeStandInElectron(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true })
  const exe = join(dir, 'electron')
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: the real binary is not on this machine" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FUSE_COUNT]),
    Buffer.from('1'.repeat(FUSE_COUNT)),
  ])
  writeFileSync(exe, wire)
  chmodSync(exe, 0o755)
  writeFileSync(join(dir, 'version'), version)
  return dir
}
