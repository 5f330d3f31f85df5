import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** Writes `data` at `path`, creating the folders above it; returns `path`. */
export function writeFileDeep(path: string, data: Buffer | string): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, data)
  return path
}
