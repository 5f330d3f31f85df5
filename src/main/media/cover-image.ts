import { checkLocalMedia } from './local-media'

/**
 * Whether a file may be a video Pin's cover (a CSV's `cover` column, `pinload edit --cover-image`, the window's
 * "Choose a picture…"): a readable image of any type pre-flight takes. It is prepared like a Pin's own image
 * before the create (src/main/pipeline/video-cover.ts: converted to JPEG or PNG, location removed), so a HEIC or
 * WebP cover is fine. `name` is what the message calls it.
 */
export async function checkCoverImage(
  path: string,
  name: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const check = await checkLocalMedia(path, { name })
  if (!check.ok)
    return { ok: false, error: check.fix === undefined ? check.message : `${check.message}. ${check.fix}` }
  if (check.kind !== 'image')
    return { ok: false, error: `${name} is a video; the cover must be an image or a time in seconds` }
  return { ok: true }
}
