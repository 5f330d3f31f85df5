import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { quickImageCheck } from '../../src/main/pipeline/quick-check'

const dir = mkdtempSync(join(tmpdir(), 'pinload-quick-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
  Buffer.alloc(3000, 7),
  Buffer.from([0xff, 0xd9]),
])

describe('quickImageCheck', () => {
  it('identifies, stamps and hashes a small JPEG from one read, and hands over those bytes', () => {
    const path = join(dir, 'a.jpg')
    writeFileSync(path, jpeg)
    const st = statSync(path)
    const q = quickImageCheck(path)
    expect(q).toMatchObject({
      kind: 'image',
      contentType: 'image/jpeg',
      size: jpeg.length,
      mtimeMs: st.mtimeMs,
    })
    expect(q?.hash).toBe(createHash('sha256').update(jpeg).digest('hex'))
    expect(q?.bytes.equals(jpeg)).toBe(true)
  })

  it('leaves to the full pre-flight what is not a small image file', () => {
    const dirPath = join(dir, 'folder.jpg')
    mkdirSync(dirPath)
    const text = join(dir, 'notes.jpg')
    writeFileSync(text, 'not an image at all')
    const fifo = join(dir, 'pipe.jpg')
    execFileSync('mkfifo', [fifo])
    expect(quickImageCheck(dirPath)).toBeNull()
    expect(quickImageCheck(text)).toBeNull()
    expect(quickImageCheck(join(dir, 'missing.jpg'))).toBeNull()
    // A FIFO must not block the open (nothing writes to it).
    expect(quickImageCheck(fifo)).toBeNull()
  })
})
