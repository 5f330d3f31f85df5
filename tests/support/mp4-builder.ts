/** Builds minimal MP4 box trees for the box reader, local media and pre-flight tests (no media data needed). */

/** A box: 32-bit size, type, payload; `large` writes the 64-bit largesize form. */
export function box(type: string, payload: Buffer, large = false): Buffer {
  if (large) {
    const h = Buffer.alloc(16)
    h.writeUInt32BE(1, 0)
    h.write(type, 4, 'latin1')
    h.writeBigUInt64BE(BigInt(16 + payload.length), 8)
    return Buffer.concat([h, payload])
  }
  const h = Buffer.alloc(8)
  h.writeUInt32BE(8 + payload.length, 0)
  h.write(type, 4, 'latin1')
  return Buffer.concat([h, payload])
}

export function mvhd(timescale: number, duration: number, version = 0): Buffer {
  const p = Buffer.alloc(version === 1 ? 108 : 96)
  p[0] = version
  if (version === 1) {
    p.writeUInt32BE(timescale, 20)
    p.writeBigUInt64BE(BigInt(duration), 24)
  } else {
    p.writeUInt32BE(timescale, 12)
    p.writeUInt32BE(duration, 16)
  }
  return box('mvhd', p)
}

/** tkhd with a rotation matrix whose first row is (a, b) in 16.16 fixed point. */
export function tkhd(width: number, height: number, a = 0x10000, b = 0, version = 0): Buffer {
  const p = Buffer.alloc(version === 1 ? 96 : 84)
  p[0] = version
  const m = version === 1 ? 52 : 40
  p.writeInt32BE(a, m)
  p.writeInt32BE(b, m + 4)
  p.writeInt32BE(-b, m + 12)
  p.writeInt32BE(a, m + 16)
  p.writeInt32BE(0x40000000, m + 32)
  p.writeUInt32BE(width * 65536, m + 36)
  p.writeUInt32BE(height * 65536, m + 40)
  return box('tkhd', p)
}

export function hdlr(kind: string): Buffer {
  const p = Buffer.alloc(25)
  p.write(kind, 8, 'latin1')
  return box('hdlr', p)
}

export const trak = (kind: string, t: Buffer) =>
  box('trak', Buffer.concat([t, box('mdia', Buffer.concat([box('mdhd', Buffer.alloc(24)), hdlr(kind)]))]))
/** An ftyp box with a major brand ('isom' for MP4, 'qt  ' for QuickTime MOV, 'M4V ' for M4V). */
const ftypFor = (brand: string) => box('ftyp', Buffer.from(`${brand}\0\0\x02\0isomiso2mp41`, 'latin1'))
export const ftyp = ftypFor('isom')

/** A minimal MP4 (or MOV with `brand: 'qt  '`): ftyp + moov with one video track + a small mdat. */
export function tinyMp4(opts: {
  durationSec: number
  width: number
  height: number
  brand?: string
}): Buffer {
  const moov = box(
    'moov',
    Buffer.concat([
      mvhd(1000, Math.round(opts.durationSec * 1000)),
      trak('vide', tkhd(opts.width, opts.height)),
    ]),
  )
  return Buffer.concat([opts.brand ? ftypFor(opts.brand) : ftyp, moov, box('mdat', Buffer.alloc(64))])
}
