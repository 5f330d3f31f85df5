import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readMovieInfo, rotationOf } from '../../src/main/media/mp4-box-reader'
import { box, ftyp, hdlr, mvhd, tkhd, trak } from '../support/mp4-builder'

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
    const moov = box(
      'moov',
      Buffer.concat([mvhd(1000, 12_500), trak('soun', tkhd(0, 0)), trak('vide', tkhd(1080, 1920))]),
    )
    const info = await readMovieInfo(write('a.mp4', ftyp, mdat, moov))
    expect(info).toEqual({ durationSec: 12.5, width: 1080, height: 1920, rotation: 0 })
  })

  it('reads version-1 boxes (64-bit times)', async () => {
    const moov = box(
      'moov',
      Buffer.concat([mvhd(90_000, 90_000 * 600, 1), trak('vide', tkhd(640, 480, 0x10000, 0, 1))]),
    )
    expect(await readMovieInfo(write('v1.mp4', ftyp, moov))).toEqual({
      durationSec: 600,
      width: 640,
      height: 480,
      rotation: 0,
    })
  })

  it('swaps width and height for a track rotated by 90°', async () => {
    const moov = box('moov', Buffer.concat([mvhd(600, 3000), trak('vide', tkhd(1920, 1080, 0, 0x10000))]))
    expect(await readMovieInfo(write('rot.mp4', ftyp, moov))).toEqual({
      durationSec: 5,
      width: 1080,
      height: 1920,
      rotation: 90,
    })
  })

  it('returns null without a moov box, or when moov claims more bytes than the file has (truncated)', async () => {
    expect(await readMovieInfo(write('nomoov.mp4', ftyp, box('mdat', Buffer.alloc(100))))).toBeNull()
    const moov = box('moov', Buffer.concat([mvhd(1000, 5000), trak('vide', tkhd(720, 1280))]))
    expect(await readMovieInfo(write('trunc.mp4', ftyp, moov.subarray(0, moov.length - 30)))).toBeNull()
  })

  describe('fragmented files', () => {
    /** A track with an id and a media timescale (what fragment durations are counted in). */
    const track = (kind: string, id: number, timescale: number) => {
      const t = tkhd(kind === 'vide' ? 720 : 0, kind === 'vide' ? 1280 : 0)
      t.writeUInt32BE(id, 8 + 12)
      const mdhd = Buffer.alloc(24)
      mdhd.writeUInt32BE(timescale, 12)
      return box('trak', Buffer.concat([t, box('mdia', Buffer.concat([box('mdhd', mdhd), hdlr(kind)]))]))
    }
    const full = (type: string, flags: number, ...fields: number[]) => {
      const p = Buffer.alloc(4 + 4 * fields.length)
      p.writeUIntBE(flags, 1, 3)
      fields.forEach((f, i) => p.writeUInt32BE(f, 4 + 4 * i))
      return box(type, p)
    }
    const trex = (id: number, defaultDuration: number) => full('trex', 0, id, 1, defaultDuration, 0, 0)
    const moof = (...trafs: Buffer[]) => box('moof', Buffer.concat([full('mfhd', 0, 1), ...trafs]))
    const traf = (...children: Buffer[]) => box('traf', Buffer.concat(children))
    const mdat = box('mdat', Buffer.alloc(32))

    it('sums the video track over its fragments: trex default, tfhd default, per-sample durations; other tracks ignored', async () => {
      const moov = box(
        'moov',
        Buffer.concat([
          mvhd(1000, 0),
          track('soun', 2, 48_000),
          track('vide', 1, 1000),
          box('mvex', Buffer.concat([trex(1, 40), trex(2, 1024)])),
        ]),
      )
      const frag1 = moof(
        traf(full('tfhd', 0, 1), full('trun', 0, 25)), // 25 samples × trex's 40
        traf(full('tfhd', 0, 2), full('trun', 0, 900)), // the audio track: not counted
      )
      // tfhd with base_data_offset (8 bytes) and sample_description_index before its default duration of 50.
      const frag2 = moof(traf(full('tfhd', 0x01 | 0x02 | 0x08, 1, 0, 0, 1, 50), full('trun', 0x01, 20, 0)))
      // Per-sample duration and size, after data_offset and first_sample_flags: 10 × 100.
      const samples = Array.from({ length: 10 }, () => [100, 4000]).flat()
      const frag3 = moof(
        traf(full('tfhd', 0, 1), full('trun', 0x01 | 0x04 | 0x100 | 0x200, 10, 0, 0, ...samples)),
      )
      const info = await readMovieInfo(write('frag.mp4', ftyp, moov, frag1, mdat, frag2, mdat, frag3, mdat))
      expect(info).toEqual({ durationSec: 3, width: 720, height: 1280, rotation: 0 })
    })

    it('takes mehd when the file has one, and says nothing when a fragment is cut short', async () => {
      const mehd = full('mehd', 0, 9000)
      const moov = box(
        'moov',
        Buffer.concat([
          mvhd(1000, 0),
          track('vide', 1, 1000),
          box('mvex', Buffer.concat([mehd, trex(1, 40)])),
        ]),
      )
      const frag = moof(traf(full('tfhd', 0, 1), full('trun', 0, 25)))
      expect((await readMovieInfo(write('mehd.mp4', ftyp, moov, frag)))?.durationSec).toBe(9)
      const bare = box(
        'moov',
        Buffer.concat([mvhd(1000, 0), track('vide', 1, 1000), box('mvex', trex(1, 40))]),
      )
      const cut = moof(traf(full('tfhd', 0, 1), full('trun', 0x100, 10, 100, 100)))
      expect((await readMovieInfo(write('cut.mp4', ftyp, bare, cut)))?.durationSec).toBeUndefined()
    })
  })

  it('tells rotation from the matrix', () => {
    expect(rotationOf(0x10000, 0)).toBe(0)
    expect(rotationOf(0, 0x10000)).toBe(90)
    expect(rotationOf(-0x10000, 0)).toBe(180)
    expect(rotationOf(0, -0x10000)).toBe(270)
  })

  // Needs ffmpeg (CI installs it): a machine without it fails here rather than skipping.
  it('reads a real H.264 MP4 made by ffmpeg', async () => {
    const out = join(dir, 'clip.mp4')
    const r = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=180x320:rate=10',
      '-t',
      '6',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      out,
    ])
    expect(r.status, 'ffmpeg is needed (CONTRIBUTING.md, "Set-up")').toBe(0)
    const info = await readMovieInfo(out)
    expect(info?.width).toBe(180)
    expect(info?.height).toBe(320)
    expect(info?.durationSec).toBeCloseTo(6, 1)
    const rotated = join(dir, 'clip-rot.mp4')
    expect(
      spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-i',
        out,
        '-c',
        'copy',
        '-metadata:s:v',
        'rotate=90',
        rotated,
      ]).status,
    ).toBe(0)
    const r2 = await readMovieInfo(rotated)
    expect([r2?.width, r2?.height]).toEqual([320, 180])
    expect([90, 270]).toContain(r2?.rotation)
    // Fragmented, as streaming tools write it: an empty moov, no mehd, the duration only in the fragments.
    const frag = join(dir, 'clip-frag.mp4')
    expect(
      spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-i',
        out,
        '-c',
        'copy',
        '-movflags',
        'frag_keyframe+empty_moov',
        frag,
      ]).status,
    ).toBe(0)
    expect((await readMovieInfo(frag))?.durationSec).toBeCloseTo(6, 1)
  }, 30_000)
})
