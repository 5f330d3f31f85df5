import { expect, it } from 'vitest'
import { decodeBmp } from '../../src/main/media/bmp-decode'

/** A bottom-up 24-bit BMP (BITMAPINFOHEADER), every pixel `bgr` but the top-left one, which is red. */
function bmp24(width: number, height: number, bgr: [number, number, number]): Buffer {
  const stride = Math.ceil((width * 24) / 32) * 4
  const b = Buffer.alloc(54 + stride * height)
  b.write('BM', 0, 'latin1')
  b.writeUInt32LE(b.length, 2)
  b.writeUInt32LE(54, 10)
  b.writeUInt32LE(40, 14)
  b.writeInt32LE(width, 18)
  b.writeInt32LE(height, 22)
  b.writeUInt16LE(1, 26)
  b.writeUInt16LE(24, 28)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) b.set(bgr, 54 + y * stride + x * 3)
  b.set([0, 0, 255], 54 + (height - 1) * stride) // the top row is stored last
  return b
}

it('decodes a BMP, giving the event loop its turns on the way (3 million pixels, 3 slices)', async () => {
  const order: string[] = []
  const decoding = decodeBmp(bmp24(1000, 3000, [10, 20, 30])).then((image) => {
    order.push('decoded')
    return image
  })
  setImmediate(() => order.push('turn'))
  const image = await decoding
  // Decoded in one go, it would be done before any other callback of the event loop ran.
  expect(order).toEqual(['turn', 'decoded'])
  expect([image.width, image.height, image.channels]).toEqual([1000, 3000, 3])
  expect([...image.data.subarray(0, 6)]).toEqual([255, 0, 0, 30, 20, 10])
})
