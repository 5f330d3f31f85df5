import { describe, expect, it } from 'vitest'
import { endsEarly } from '../../src/main/media/cut-off'

const box = (type: string, body: number, size = 8 + body) => {
  const b = Buffer.alloc(8 + body)
  b.writeUInt32BE(size, 0)
  b.write(type, 4, 'latin1')
  return b
}

describe('endsEarly: a file shorter than its own structure says', () => {
  it('HEIC/AVIF: a top-level box reaching past the end; a box "to the end" or 64-bit sizes are read as such', () => {
    const whole = Buffer.concat([box('ftyp', 16), box('meta', 40), box('mdat', 100)])
    expect(endsEarly(whole, 'image/heic')).toBe(false)
    expect(endsEarly(whole.subarray(0, whole.length - 1), 'image/heic')).toBe(true)
    expect(endsEarly(Buffer.concat([box('ftyp', 16), box('mdat', 10, 0)]), 'image/avif')).toBe(false)
    const large = Buffer.concat([box('mdat', 8 + 20, 1)])
    large.writeBigUInt64BE(BigInt(large.length), 8)
    expect(endsEarly(Buffer.concat([box('ftyp', 16), large]), 'image/heic')).toBe(false)
    large.writeBigUInt64BE(BigInt(large.length + 5), 8)
    expect(endsEarly(Buffer.concat([box('ftyp', 16), large]), 'image/heic')).toBe(true)
  })

  it('WebP by its RIFF size, GIF by its trailer byte; other types are never called cut off', () => {
    const riff = Buffer.alloc(30)
    riff.write('RIFF', 0, 'latin1')
    riff.writeUInt32LE(22, 4)
    riff.write('WEBP', 8, 'latin1')
    expect(endsEarly(riff, 'image/webp')).toBe(false)
    expect(endsEarly(riff.subarray(0, 29), 'image/webp')).toBe(true)
    expect(endsEarly(Buffer.from('GIF89a;', 'latin1'), 'image/gif')).toBe(false)
    expect(endsEarly(Buffer.from('GIF89a', 'latin1'), 'image/gif')).toBe(true)
    expect(endsEarly(Buffer.alloc(4), 'image/tiff')).toBe(false)
  })
})
