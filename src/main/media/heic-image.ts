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
 * folder of this module (`from`), as the main thread would find it; once loaded, the worker says it is ready.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads')
const decode = require(require.resolve('heic-decode', { paths: [workerData.from] }))
parentPort.postMessage({ ready: true })
parentPort.on('message', ({ bytes }) => {
  decode({ buffer: bytes }).then(
    ({ width, height, data }) => parentPort.postMessage({ width, height, data }, [data.buffer]),
    (e) => parentPort.postMessage({ error: String((e && e.message) || e) }),
  )
})`

type Answer = { ready: true } | { width: number; height: number; data: Uint8ClampedArray } | { error: string }

/** The worker stopped (or never started) while a photo was given to it. */
class WorkerStopped extends Error {}

let worker: Worker | null | undefined
/**
 * A worker has loaded the decoder here: workers can run, so one that stops does so because of its photo (a
 * decode that ran it out of memory), which is refused; the next photo gets a new worker. Until then a worker
 * that stops is taken for one that cannot run here, and photos are decoded on this thread.
 */
let ready = false
/** The photo the worker decodes now: one at a time, so a worker that stops blames that photo only. */
let current: { resolve: (r: RawImage) => void; reject: (e: Error) => void } | null = null
let line: Promise<unknown> = Promise.resolve()

function heicWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    // No execArgv: the worker's code is plain JavaScript and needs no loader the process was started with (tsx).
    const w = new Worker(WORKER_CODE, { eval: true, execArgv: [], workerData: { from: __dirname } })
    w.on('message', (a: Answer) => {
      // A worker already replaced answers no one: its photo was refused when it stopped.
      if (worker !== w) return
      if ('ready' in a) {
        ready = true
        return
      }
      const p = current
      current = null
      w.unref()
      if (!p) return
      if ('error' in a) p.reject(new Error(a.error))
      else p.resolve({ data: new Uint8Array(a.data.buffer), width: a.width, height: a.height, channels: 4 })
    })
    const gone = (why: string) => {
      if (worker !== w) return
      // Once workers are known to run here, the next photo starts a new one.
      worker = ready ? undefined : null
      current?.reject(new WorkerStopped(why))
      current = null
    }
    w.on('error', (e: Error) => gone(e.message))
    w.on('exit', (code) => gone(`the HEIC worker exited (${code})`))
    // Idle, it must not keep the command's process alive (after the listeners: adding one refs it again); while
    // it decodes, it must (decodeInWorker refs it).
    w.unref()
    worker = w
  } catch {
    // Once workers have run here, a worker that cannot start now is no reason to decode on this thread.
    worker = ready ? undefined : null
    return null
  }
  return worker
}

/**
 * How long one photo may take in the worker before it is stopped: 1–2 s is usual for 12 MP (bench/thumbnails);
 * a decode that loops on a crafted file would otherwise hold every later photo in line.
 */
const stopAfterMs = (bytes: number) => 60_000 + (bytes / 1e6) * 10_000

function decodeInWorker(w: Worker, bytes: Buffer): Promise<RawImage> {
  return new Promise((resolve, reject) => {
    const watchdog = setTimeout(() => void w.terminate(), stopAfterMs(bytes.length))
    watchdog.unref()
    const settle = () => clearTimeout(watchdog)
    current = {
      resolve: (r) => {
        settle()
        resolve(r)
      },
      reject: (e) => {
        settle()
        reject(e)
      },
    }
    w.ref()
    w.postMessage({ bytes })
  })
}

/** One photo after the other through the worker (thumbnails and conversions share it). */
function inLine<T>(task: () => Promise<T>): Promise<T> {
  const run = line.then(task, task)
  line = run.catch(() => undefined)
  return run
}

/**
 * Decodes the primary image of an iPhone HEIC/HEIF with libheif compiled to WebAssembly (`heic-decode`): sharp's
 * prebuilt libvips has no HEVC decoder. libheif applies the file's rotation and mirroring while decoding. Runs in
 * a worker thread (one, decoding one image at a time), or here when no worker has been able to run.
 */
export async function decodeHeicStill(bytes: Buffer): Promise<RawImage> {
  const inWorker = await inLine(async () => {
    const w = heicWorker()
    if (!w && ready)
      throw new Error(
        'Pinload could not start its HEIC decoder just now; retry, or restart Pinload if it goes on',
      )
    if (!w) return null
    try {
      return await decodeInWorker(w, bytes)
    } catch (e) {
      if (!(e instanceof WorkerStopped)) throw e
      // Workers run here: this photo stopped one, and would stop this thread too.
      if (ready)
        throw new Error(
          'the HEIC decoder stopped while reading this photo (it may be damaged, or too large or slow to decode)',
        )
      return null
    }
  })
  if (inWorker) return inWorker
  // Loaded only when no worker can decode (80 ms and 24 MB when imported): the worker has its own copy.
  const { default: decodeHeic } = await import('heic-decode')
  const { width, height, data } = await decodeHeic({ buffer: bytes })
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 4 }
}
