import { open, type FileHandle } from 'node:fs/promises'

/** What the movie header says about a MP4/MOV/M4V file. */
export interface MovieInfo {
  /** Presentation duration in seconds (mvhd, or mehd for fragmented files); undefined when the file does not say. */
  durationSec?: number
  /** Display width/height of the first video track in pixels, after its rotation matrix is applied. */
  width?: number
  height?: number
  /** Clockwise rotation of the video track from its tkhd matrix: 0, 90, 180 or 270 degrees. */
  rotation?: 0 | 90 | 180 | 270
}

interface BoxHeader {
  type: string
  /** Offset of the box's first byte in the file. */
  start: number
  /** Offset of the payload (after size/type/largesize). */
  payload: number
  /** Offset just past the box. */
  end: number
}

/** The small leaf boxes we decode; anything bigger than this is not a sane header. */
const MAX_LEAF_BYTES = 4096

/**
 * Reads duration and video dimensions from a MP4/QuickTime file by seeking from box header to box header:
 * a few small reads whatever the file's size (the moov box of a long video can hold megabytes of sample
 * tables, which are skipped, not read). Returns null when the file has no readable moov box.
 */
export async function readMovieInfo(path: string): Promise<MovieInfo | null> {
  const fh = await open(path, 'r')
  try {
    const { size } = await fh.stat()
    const moov = await findChild(fh, 0, size, 'moov')
    if (!moov) return null
    const { info, fragments } = await readMoov(fh, moov)
    if (info.durationSec === undefined && fragments) {
      const d = await fragmentedDuration(fh, size, fragments)
      if (d !== undefined) info.durationSec = d
    }
    return info
  } finally {
    await fh.close()
  }
}

/** What a fragmented file's duration is summed from: the video track's id, media timescale and default sample duration. */
interface FragmentTrack {
  trackId: number
  timescale: number
  defaultDuration: number
}

async function readMoov(
  fh: FileHandle,
  moov: BoxHeader,
): Promise<{ info: MovieInfo; fragments: FragmentTrack | null }> {
  const info: MovieInfo = {}
  let timescale = 0
  let video: { trackId: number; timescale: number } | null = null
  let mvex: BoxHeader | null = null
  for await (const box of children(fh, moov.payload, moov.end)) {
    if (box.type === 'mvhd') {
      const d = await readLeaf(fh, box)
      const v = d[0]
      if (d.length < 32) continue
      timescale = v === 1 ? d.readUInt32BE(20) : d.readUInt32BE(12)
      const duration = v === 1 ? Number(d.readBigUInt64BE(24)) : d.readUInt32BE(16)
      if (timescale > 0 && duration > 0 && duration !== 0xffffffff) info.durationSec = duration / timescale
    } else if (box.type === 'mvex') {
      mvex = box
      const mehd = await findChild(fh, box.payload, box.end, 'mehd')
      if (mehd && timescale > 0 && info.durationSec === undefined) {
        const d = await readLeaf(fh, mehd)
        const duration = d[0] === 1 ? Number(d.readBigUInt64BE(4)) : d.readUInt32BE(4)
        if (duration > 0) info.durationSec = duration / timescale
      }
    } else if (box.type === 'trak' && info.width === undefined) {
      const track = await readTrack(fh, box)
      if (track) {
        const { trackId, mediaTimescale, ...picture } = track
        Object.assign(info, picture)
        if (trackId > 0 && mediaTimescale > 0) video = { trackId, timescale: mediaTimescale }
      }
    }
  }
  if (!mvex || !video || info.durationSec !== undefined) return { info, fragments: null }
  // trex gives the default sample duration a fragment may leave out (ISO/IEC 14496-12 §8.8.3).
  let defaultDuration = 0
  for await (const box of children(fh, mvex.payload, mvex.end)) {
    if (box.type !== 'trex') continue
    const d = await readLeaf(fh, box)
    if (d.length >= 16 && d.readUInt32BE(4) === video.trackId) defaultDuration = d.readUInt32BE(12)
  }
  return { info, fragments: { ...video, defaultDuration } }
}

/** Fragments read for a duration; a longer file is left undecided rather than read through. */
const MAX_FRAGMENTS = 20_000
/** A moof larger than this is not read (its sample table would be absurd for a Pin video). */
const MAX_MOOF_BYTES = 4 * 1024 * 1024

/**
 * Duration of a fragmented MP4 without `mehd`: the video track's sample durations summed over every `moof`
 * (tfhd and trun, falling back to trex's default). Seeks from box header to box header like the rest; only
 * the small moof boxes are read. Undefined when a fragment cannot be read.
 */
async function fragmentedDuration(
  fh: FileHandle,
  size: number,
  track: FragmentTrack,
): Promise<number | undefined> {
  let units = 0
  let seen = 0
  for await (const box of children(fh, 0, size)) {
    if (box.type !== 'moof') continue
    if (++seen > MAX_FRAGMENTS || box.end - box.payload > MAX_MOOF_BYTES) return undefined
    const moof = Buffer.alloc(box.end - box.payload)
    const { bytesRead } = await fh.read(moof, 0, moof.length, box.payload)
    if (bytesRead < moof.length) return undefined
    for (const traf of boxesIn(moof, 0, moof.length)) {
      if (traf.type !== 'traf') continue
      const got = trafDuration(moof, traf, track)
      if (got === undefined) return undefined
      units += got
    }
  }
  return seen > 0 && units > 0 ? units / track.timescale : undefined
}

/** The track's duration in one traf, in media timescale units; 0 for another track's traf. */
function trafDuration(
  buf: Buffer,
  traf: { payload: number; end: number },
  track: FragmentTrack,
): number | undefined {
  let defaultDuration = track.defaultDuration
  let units = 0
  for (const b of boxesIn(buf, traf.payload, traf.end)) {
    const body = buf.subarray(b.payload, b.end)
    if (b.type === 'tfhd') {
      if (body.length < 8) return undefined
      if (body.readUInt32BE(4) !== track.trackId) return 0
      const flags = body.readUIntBE(1, 3)
      // Optional fields in order: base_data_offset (8), sample_description_index (4), default_sample_duration (4).
      const at = 8 + (flags & 0x01 ? 8 : 0) + (flags & 0x02 ? 4 : 0)
      if (flags & 0x08) {
        if (body.length < at + 4) return undefined
        defaultDuration = body.readUInt32BE(at)
      }
    } else if (b.type === 'trun') {
      if (body.length < 8) return undefined
      const flags = body.readUIntBE(1, 3)
      const count = body.readUInt32BE(4)
      if (!(flags & 0x100)) {
        units += count * defaultDuration
        continue
      }
      // Per-sample fields in order: duration (0x100), size (0x200), flags (0x400), composition offset (0x800).
      const stride = 4 * (1 + (flags & 0x200 ? 1 : 0) + (flags & 0x400 ? 1 : 0) + (flags & 0x800 ? 1 : 0))
      let at = 8 + (flags & 0x01 ? 4 : 0) + (flags & 0x04 ? 4 : 0)
      if (body.length < at + count * stride) return undefined
      for (let i = 0; i < count; i++, at += stride) units += body.readUInt32BE(at)
    }
  }
  return units
}

/** Child boxes of an in-memory box payload (32-bit sizes only; a fragment's boxes are small). */
function* boxesIn(
  buf: Buffer,
  from: number,
  to: number,
): Generator<{ type: string; payload: number; end: number }> {
  let pos = from
  while (pos + 8 <= to) {
    const size = buf.readUInt32BE(pos)
    if (size < 8 || pos + size > to) return
    yield { type: buf.toString('latin1', pos + 4, pos + 8), payload: pos + 8, end: pos + size }
    pos += size
  }
}

async function readTrack(
  fh: FileHandle,
  trak: BoxHeader,
): Promise<
  (Pick<MovieInfo, 'width' | 'height' | 'rotation'> & { trackId: number; mediaTimescale: number }) | null
> {
  let tkhd: Buffer | null = null
  let handler: string | null = null
  let mediaTimescale = 0
  for await (const box of children(fh, trak.payload, trak.end)) {
    if (box.type === 'tkhd') tkhd = await readLeaf(fh, box)
    else if (box.type === 'mdia') {
      for await (const child of children(fh, box.payload, box.end)) {
        if (child.type === 'hdlr') handler = (await readLeaf(fh, child)).toString('latin1', 8, 12)
        else if (child.type === 'mdhd') {
          const d = await readLeaf(fh, child)
          if (d.length >= 24) mediaTimescale = d[0] === 1 ? d.readUInt32BE(20) : d.readUInt32BE(12)
        }
      }
    }
  }
  if (!tkhd) return null
  // Old files may lack hdlr; a track with a picture size is then taken as the video track.
  // tkhd: version/flags, times and ids (20 or 32 bytes), then 16 bytes of layer/volume fields, then the matrix.
  const matrixAt = tkhd[0] === 1 ? 52 : 40
  const widthAt = matrixAt + 36
  if (tkhd.length < widthAt + 8) return null
  let width = tkhd.readUInt32BE(widthAt) / 65536
  let height = tkhd.readUInt32BE(widthAt + 4) / 65536
  if (handler !== null && handler !== 'vide') return null
  if (handler === null && (width === 0 || height === 0)) return null
  const rotation = rotationOf(tkhd.readInt32BE(matrixAt), tkhd.readInt32BE(matrixAt + 4))
  if (rotation === 90 || rotation === 270) [width, height] = [height, width]
  const trackId = tkhd.readUInt32BE(tkhd[0] === 1 ? 20 : 12)
  return { width: Math.round(width), height: Math.round(height), rotation, trackId, mediaTimescale }
}

/** The matrix's first row (a, b) in 16.16 fixed point tells the rotation: (0,1) is 90°, (-1,0) 180°, (0,-1) 270°. */
export function rotationOf(a: number, b: number): 0 | 90 | 180 | 270 {
  if (a === 0 && b > 0) return 90
  if (a < 0 && b === 0) return 180
  if (a === 0 && b < 0) return 270
  return 0
}

async function findChild(fh: FileHandle, from: number, to: number, type: string): Promise<BoxHeader | null> {
  for await (const box of children(fh, from, to)) if (box.type === type) return box
  return null
}

async function* children(fh: FileHandle, from: number, to: number): AsyncGenerator<BoxHeader> {
  let pos = from
  while (pos + 8 <= to) {
    const box = await readHeader(fh, pos, to)
    if (!box) return
    yield box
    pos = box.end
  }
}

async function readHeader(fh: FileHandle, pos: number, limit: number): Promise<BoxHeader | null> {
  const head = Buffer.alloc(16)
  const { bytesRead } = await fh.read(head, 0, 16, pos)
  if (bytesRead < 8) return null
  const size32 = head.readUInt32BE(0)
  const type = head.toString('latin1', 4, 8)
  let payload = pos + 8
  let end: number
  if (size32 === 1) {
    if (bytesRead < 16) return null
    end = pos + Number(head.readBigUInt64BE(8))
    payload = pos + 16
  } else if (size32 === 0) {
    end = limit
  } else {
    end = pos + size32
  }
  // A size smaller than its own header, or running past the parent, means a damaged or truncated file.
  if (end < payload || end > limit) return null
  return { type, start: pos, payload, end }
}

async function readLeaf(fh: FileHandle, box: BoxHeader): Promise<Buffer> {
  const len = Math.min(box.end - box.payload, MAX_LEAF_BYTES)
  const buf = Buffer.alloc(len)
  const { bytesRead } = await fh.read(buf, 0, len, box.payload)
  return buf.subarray(0, bytesRead)
}
