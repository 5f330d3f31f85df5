import { randomUUID } from 'node:crypto'
import { assertUnchanged, readFileChunks } from './file-chunks'
import { base64Encode, base64Length } from './image-pin-body'
import type { OutgoingBody } from './outgoing-body'

/** One image of a carousel Pin as sent: a local JPEG/PNG with the stamp its pre-flight saw, and its own text. */
export interface CarouselImage {
  path: string
  contentType: 'image/jpeg' | 'image/png'
  /** Bytes, from the stat the length is computed with. */
  size: number
  mtimeMs: number
  title?: string
  description?: string
  link?: string
}

/**
 * The JSON text of `build(slots)` cut around each slot's quoted string: `segments[i]` comes before slot i and
 * the last one after the last slot. Slots carry a random nonce, so no user text can be taken for one.
 */
function cutAround(build: (slots: string[]) => unknown, count: number): Buffer[] {
  const nonce = randomUUID()
  const slots = Array.from({ length: count }, (_, i) => `\u0001pinload-${nonce}-${i}\u0001`)
  const text = JSON.stringify(build(slots))
  const segments: Buffer[] = []
  let from = 0
  for (const slot of slots) {
    const quoted = JSON.stringify(slot)
    const at = text.indexOf(quoted, from)
    if (at < 0) throw new Error('carouselBody: a slot is missing from the document')
    // Each slot's quotes stay in the text around it: the closing one of the slot before opens this segment.
    segments.push(Buffer.from(`${from === 0 ? '' : '"'}${text.slice(from, at)}"`, 'utf8'))
    from = at + quoted.length
  }
  segments.push(Buffer.from(`"${text.slice(from)}`, 'utf8'))
  return segments
}

/**
 * A `multiple_image_base64` Pin body (docs/pinterest-api.md §3.2) streamed from disk with an exact length, as a
 * single image's is (docs/architecture.md, "Streaming uploads with an exact Content-Length"): the JSON around
 * the images is known text and each image's base64 is 4·ceil(n/3) of its stat size. Each file is checked
 * against its stamp right after its bytes were read, so a file changed mid-send fails the request.
 */
export function carouselPinBody(
  fields: Record<string, unknown>,
  images: readonly CarouselImage[],
  chunkSize: number,
): OutgoingBody {
  const segments = cutAround(
    (slots) => ({
      ...fields,
      media_source: {
        source_type: 'multiple_image_base64',
        items: images.map((im, i) => ({
          content_type: im.contentType,
          ...(im.title !== undefined && { title: im.title }),
          ...(im.description !== undefined && { description: im.description }),
          ...(im.link !== undefined && im.link !== '' && { link: im.link }),
          data: slots[i],
        })),
      },
    }),
    images.length,
  )
  const readSize = Math.max(3, chunkSize - (chunkSize % 3))
  const textBytes = segments.reduce((n, s) => n + s.length, 0)
  return {
    contentLength: images.reduce((n, im) => n + base64Length(im.size), textBytes),
    contentType: 'application/json',
    async *open(signal) {
      for (const [i, im] of images.entries()) {
        yield segments[i]!
        yield* base64Encode(readFileChunks(im.path, im.size, readSize, signal))
        await assertUnchanged(im.path, { size: im.size, mtimeMs: im.mtimeMs })
      }
      yield segments[images.length]!
    },
  }
}
