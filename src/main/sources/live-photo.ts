import { basename, dirname, extname, join } from 'node:path'

/** What a phone saves as the still of a live photo (the clip beside it is a .mov of the same name). */
const STILL = new Set(['.heic', '.heif', '.jpg', '.jpeg'])

const stemKey = (path: string) => join(dirname(path), basename(path, extname(path)).toLowerCase())

/** The stills of a scan, by folder and name without extension (any case), for `livePhotoStill`. */
export function stillsByStem(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const p of paths) if (STILL.has(extname(p).toLowerCase())) out.set(stemKey(p), basename(p))
  return out
}

/**
 * The still a .mov belongs to when the two make a live photo (IMG_1234.HEIC and IMG_1234.MOV side by side):
 * its clip of about 3 s is too short for a video Pin, and saying so as a live photo tells the user the photo
 * itself is posted and nothing is lost.
 */
export function livePhotoStill(path: string, stills: ReadonlyMap<string, string>): string | undefined {
  return extname(path).toLowerCase() === '.mov' ? stills.get(stemKey(path)) : undefined
}
