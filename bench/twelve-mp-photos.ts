import { existsSync, linkSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'

/**
 * 12 MP photos for the thumbnail benches: 10 distinct noisy 4000×3000 JPEGs (noise, so they do not compress to
 * nothing), hard-linked to as many paths as asked (each path its own thumbnail: the cache keys on the path).
 * Made once and kept in the temporary folder between runs.
 */
export const PHOTO_STORE = join(tmpdir(), 'pinload-bench-12mp')
const DISTINCT = 10
const WIDTH = 4000
const HEIGHT = 3000

export async function twelveMpPhotos(count: number): Promise<string[]> {
  mkdirSync(PHOTO_STORE, { recursive: true })
  const distinct: string[] = []
  for (let i = 0; i < DISTINCT; i++) {
    const path = join(PHOTO_STORE, `base-${i}.jpg`)
    if (!existsSync(path)) {
      const noise = await sharp({
        create: {
          width: WIDTH / 8,
          height: HEIGHT / 8,
          channels: 3,
          background: '#777',
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
      })
        .png()
        .toBuffer()
      await sharp(noise)
        .resize(WIDTH, HEIGHT)
        .modulate({ hue: i * 36 })
        .jpeg({ quality: 90 })
        .toFile(path)
    }
    distinct.push(path)
  }
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    const path = join(PHOTO_STORE, `photo-${i}.jpg`)
    if (!existsSync(path)) linkSync(distinct[i % DISTINCT]!, path)
    paths.push(path)
  }
  return paths
}
