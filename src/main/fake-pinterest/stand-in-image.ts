/**
 * The picture behind every image URL the fake hands out on itself (a video Pin's cover_image_url): a 20×30 PNG
 * in the 2:3 shape Pinterest recommends (docs/pinterest-api.md §3.3), filled with the fake's dominant_color, so
 * whatever shows it works without the network.
 */
export const STAND_IN_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABQAAAAeCAIAAACjcKk8AAAAHklEQVR42mPIqyghGzGMah7VPKp5VPOo5lHNw1kzABrDKx5zbSnRAAAAAElFTkSuQmCC',
  'base64',
)

/** URL of the stand-in image for a Pin's video cover, on the fake itself. */
export function standInCoverUrl(imageBase: string, pinId: string): string {
  return `${imageBase}video-covers/${pinId}.png`
}
