import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readMovieInfo, rotationOf } from '../../src/main/media/mp4-box-reader'
import { box, ftyp, mvhd, tkhd, trak } from '../support/mp4-builder'

const dir = mkdtempSync(join(tmpdir(), 'pinload-mp4-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, ...parts: Buffer[]): string {
  const p = join(dir, name)
  writeFileSync(p, Buffer.concat(parts))
  return p
}

describe('readMovieInfo', () => {
  it('reads duration and the video track size, skipping the audio track and a large mdat before moov', async () => {
    const mdat = box('mdat', Buffer.alloc(200_000), true)
    const moov = box('moov', Buffer.concat([mvhd(1000, 12_500), trak('soun', tkhd(0, 0)), trak('vide', tkhd(1080, 1920))]))
    const info = await readMovieInfo(write('a.mp4', ftyp, mdat, moov))
    expect(info).toEqual({ durationSec: 12.5, width: 1080, height: 1920, rotation: 0 })
  })

  it('reads version-1 boxes (64-bit times)', async () => {
    const moov = box('moov', Buffer.concat([mvhd(90_000, 90_000 * 600, 1), trak('vide', tkhd(640, 480, 0x10000, 0, 1))]))
    expect(await readMovieInfo(write('v1.mp4', ftyp, moov))).toEqual({ durationSec: 600, width: 640, height: 480, rotation: 0 })
  })

  it('swaps width and height for a track rotated by 90°', async () => {
    const moov = box('moov', Buffer.concat([mvhd(600, 3000), trak('vide', tkhd(1920, 1080, 0, 0x10000))]))
    expect(await readMovieInfo(write('rot.mp4', ftyp, moov))).toEqual({ durationSec: 5, width: 1080, height: 1920, rotation: 90 })
  })

  it('returns null without a moov box, or when moov claims more bytes than the file has (truncated)', async () => {
    expect(await readMovieInfo(write('nomoov.mp4', ftyp, box('mdat', Buffer.alloc(100))))).toBeNull()
    const moov = box('moov', Buffer.concat([mvhd(1000, 5000), trak('vide', tkhd(720, 1280))]))
    expect(await readMovieInfo(write('trunc.mp4', ftyp, moov.subarray(0, moov.length - 30)))).toBeNull()
  })

  it('tells rotation from the matrix', () => {
    expect(rotationOf(0x10000, 0)).toBe(0)
    expect(rotationOf(0, 0x10000)).toBe(90)
    expect(rotationOf(-0x10000, 0)).toBe(180)
    expect(rotationOf(0, -0x10000)).toBe(270)
  })

  const ffmpeg = spawnSync('ffmpeg', ['-version']).status === 0
  it.skipIf(!ffmpeg)('reads a real H.264 MP4 made by ffmpeg (skipped when ffmpeg is absent)', async () => {
    const out = join(dir, 'clip.mp4')
    const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=180x320:rate=10', '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', out])
    expect(r.status).toBe(0)
    const info = await readMovieInfo(out)
    expect(info?.width).toBe(180)
    expect(info?.height).toBe(320)
    expect(info?.durationSec).toBeCloseTo(6, 1)
    const rotated = join(dir, 'clip-rot.mp4')
    expect(spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', out, '-c', 'copy', '-metadata:s:v', 'rotate=90', rotated]).status).toBe(0)
    const r2 = await readMovieInfo(rotated)
    expect([r2?.width, r2?.height]).toEqual([320, 180])
    expect([90, 270]).toContain(r2?.rotation)
  }, 30_000)
})
