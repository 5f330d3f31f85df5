/**
 * The thumbnails bench's peer (bench/thumbnails.bench.ts), in a process of its own: sharp as a plain script uses
 * it, with libvips' default threads and cache (the product sets its own in src/main/media/image-codec.ts, which a
 * peer in the same process would inherit). Thumbnails every path listed in the JSON file given, `parallel` at a
 * time, and prints the milliseconds taken.
 */
import { readFileSync } from 'node:fs'
import sharp from 'sharp'

async function main(): Promise<void> {
  const [listFile, parallel] = process.argv.slice(2)
  const paths = JSON.parse(readFileSync(listFile!, 'utf8')) as string[]
  const t0 = performance.now()
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      const p = paths[next++]!
      await sharp(p).rotate().resize(192, 192, { fit: 'inside' }).jpeg({ quality: 72 }).toBuffer()
    }
  }
  await Promise.all(Array.from({ length: Number(parallel) }, worker))
  process.stdout.write(String(performance.now() - t0))
}

void main()
