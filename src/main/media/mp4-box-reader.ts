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
    return await readMoov(fh, moov)
  } finally {
    await fh.close()
  }
}

async function readMoov(fh: FileHandle, moov: BoxHeader): Promise<MovieInfo> {
  const info: MovieInfo = {}
  let timescale = 0
  for await (const box of children(fh, moov.payload, moov.end)) {
    if (box.type === 'mvhd') {
      const d = await readLeaf(fh, box)
      const v = d[0]
      if (d.length < 32) continue
      timescale = v === 1 ? d.readUInt32BE(20) : d.readUInt32BE(12)
      const duration = v === 1 ? Number(d.readBigUInt64BE(24)) : d.readUInt32BE(16)
      if (timescale > 0 && duration > 0 && duration !== 0xffffffff) info.durationSec = duration / timescale
    } else if (box.type === 'mvex' && info.durationSec === undefined) {
      const mehd = await findChild(fh, box.payload, box.end, 'mehd')
      if (mehd && timescale > 0) {
        const d = await readLeaf(fh, mehd)
        const duration = d[0] === 1 ? Number(d.readBigUInt64BE(4)) : d.readUInt32BE(4)
        if (duration > 0) info.durationSec = duration / timescale
      }
    } else if (box.type === 'trak' && info.width === undefined) {
      const track = await readTrack(fh, box)
      if (track) Object.assign(info, track)
    }
  }
  return info
}

async function readTrack(fh: FileHandle, trak: BoxHeader): Promise<Pick<MovieInfo, 'width' | 'height' | 'rotation'> | null> {
  let tkhd: Buffer | null = null
  let handler: string | null = null
  for await (const box of children(fh, trak.payload, trak.end)) {
    if (box.type === 'tkhd') tkhd = await readLeaf(fh, box)
    else if (box.type === 'mdia') {
      const hdlr = await findChild(fh, box.payload, box.end, 'hdlr')
      if (hdlr) handler = (await readLeaf(fh, hdlr)).toString('latin1', 8, 12)
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
  return { width: Math.round(width), height: Math.round(height), rotation }
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
