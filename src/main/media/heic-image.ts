import { Worker } from 'node:worker_threads'
import type { RawImage } from './image-codec'

/** ftyp major brands of HEIF image sequences (bursts, animations): not a still photo. */
const SEQUENCE_BRANDS = new Set(['hevc', 'hevx', 'msf1', 'hevs'])

/** The ftyp major brand of an ISO media file ("heic", "mif1", "hevc", …). */
function heifBrand(head: Buffer): string {
  return head.toString('latin1', 8, 12)
}

/** Whether an HEIF file is an image sequence rather than a still (its major brand says so). */
export function isHeifSequence(head: Buffer): boolean {
  return SEQUENCE_BRANDS.has(heifBrand(head))
}

/**
 * The worker's code: libheif in WebAssembly decodes synchronously (1–2 s for a 12 MP photo, bench/thumbnails),
 * which on the main thread would stall the window's every request meanwhile. `heic-decode` is found from the
 * folder of this module (`from`), as the main thread would find it.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads')
const decode = require(require.resolve('heic-decode', { paths: [workerData.from] }))
parentPort.on('message', ({ id, bytes }) => {
  decode({ buffer: bytes }).then(
    ({ width, height, data }) => parentPort.postMessage({ id, width, height, data }, [data.buffer]),
    (e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }),
  )
})`

type Answer =
  { id: number; width: number; height: number; data: Uint8ClampedArray } | { id: number; error: string }

/** The worker could not run (its module not found where it runs): the caller decodes on its own thread. */
class WorkerUnavailable extends Error {}

let worker: Worker | null | undefined
/**
 * Workers started in a row after one stopped (a decode that ran it out of memory); a decode that works starts
 * the count again. Past the limit no worker starts, and photos are refused rather than decoded on main's thread.
 */
let restarts = 0
const MAX_RESTARTS = 3
/** A worker has decoded a photo here: it can run, so one that stops did so because of the photo. */
let proven = false
let nextId = 1
const pending = new Map<number, { resolve: (r: RawImage) => void; reject: (e: Error) => void }>()

function heicWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    // No execArgv: the worker's code is plain JavaScript and needs no loader the process was started with (tsx).
    const w = new Worker(WORKER_CODE, { eval: true, execArgv: [], workerData: { from: __dirname } })
    w.on('message', (a: Answer) => {
      const p = pending.get(a.id)
      pending.delete(a.id)
      if (pending.size === 0) w.unref()
      if (!p) return
      if ('error' in a) p.reject(new Error(a.error))
      else {
        proven = true
        restarts = 0
        p.resolve({ data: new Uint8Array(a.data.buffer), width: a.width, height: a.height, channels: 4 })
      }
    })
    const gone = (why: string) => {
      if (worker !== w) return
      // The next decode starts a new worker: a stopped one would leave every later photo to this thread.
      worker = restarts++ < MAX_RESTARTS ? undefined : null
      for (const p of pending.values()) p.reject(new WorkerUnavailable(why))
      pending.clear()
    }
    w.on('error', (e: Error) => gone(e.message))
    w.on('exit', (code) => gone(`the HEIC worker exited (${code})`))
    // Idle, it must not keep the command's process alive (after the listeners: adding one refs it again); while
    // it decodes, it must (decodeInWorker refs it).
    w.unref()
    worker = w
  } catch {
    worker = null
  }
  return worker
}

function decodeInWorker(w: Worker, bytes: Buffer): Promise<RawImage> {
  return new Promise((resolve, reject) => {
    const id = nextId++
    if (pending.size === 0) w.ref()
    pending.set(id, { resolve, reject })
    w.postMessage({ id, bytes })
  })
}

/**
 * Decodes the primary image of an iPhone HEIC/HEIF with libheif compiled to WebAssembly (`heic-decode`): sharp's
 * prebuilt libvips has no HEVC decoder. libheif applies the file's rotation and mirroring while decoding. Runs in
 * a worker thread (one, decoding one image at a time), or here when no worker has been able to run.
 */
export async function decodeHeicStill(bytes: Buffer): Promise<RawImage> {
  // A worker that stops while decoding this photo gets one more try in a new one; a worker that can run here is
  // never replaced by main's thread, where the same photo could stop the whole app.
  for (let attempt = 0; attempt < 2; attempt++) {
    const w = heicWorker()
    if (!w) break
    try {
      return await decodeInWorker(w, bytes)
    } catch (e) {
      if (!(e instanceof WorkerUnavailable)) throw e
      if (!proven) break
    }
  }
  if (proven)
    throw new Error(
      'the HEIC decoder stopped while reading this photo (it may be damaged, or too large to decode)',
    )
  // Loaded only when no worker can decode (80 ms and 24 MB when imported): the worker has its own copy.
  const { default: decodeHeic } = await import('heic-decode')
  const { width, height, data } = await decodeHeic({ buffer: bytes })
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 4 }
}
