import { describe, expect, it } from 'vitest'
import { isPinterestImage, isPinterestVideo, sniffBytes } from '../../src/main/media/media-sniff'

const bytes = (s: string, ...extra: number[]) => Uint8Array.from([...Buffer.from(s, 'latin1'), ...extra])

describe('sniffBytes', () => {
  it.each([
    [Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg', true, false],
    [bytes('\x89PNG\r\n\x1a\n\0\0'), 'image/png', true, false],
    [bytes('GIF89a\x01\0'), 'image/gif', false, false],
    [bytes('RIFF\0\0\0\0WEBPVP8 '), 'image/webp', false, false],
    [bytes('\0\0\0\x18ftypheic\0\0\0\0'), 'image/heic', false, false],
    [bytes('\0\0\0\x18ftypisom\0\0\0\0'), 'video/mp4', false, true],
    [bytes('\0\0\0\x14ftypqt  \0\0\0\0'), 'video/quicktime', false, true],
    [bytes('\0\0\0\x18ftypM4V \0\0\0\0'), 'video/x-m4v', false, true],
    [bytes('\x1aE\xdf\xa3\x01\0'), 'video/webm', false, false],
    [bytes('hello, world'), 'application/octet-stream', false, false],
  ])('tells %s apart', (input, mime, image, video) => {
    const t = sniffBytes(input)
    expect(t.mime).toBe(mime)
    expect(isPinterestImage(t)).toBe(image)
    expect(isPinterestVideo(t)).toBe(video)
  })
})
