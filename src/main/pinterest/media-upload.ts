import { basename } from 'node:path'
import type { Dispatcher } from 'undici'
import { sniffFile } from '../media/media-sniff'
import type { MediaUpload, TransferOptions } from './api-types'
import { assertUnchanged, stampOf } from './file-chunks'
import { errorFromUpload } from './http-errors'
import { send } from './http-send'
import { multipartFileBody } from './multipart-body'
import { chunkSizeFor, createThrottle } from './throttle'

export interface UploadDeps {
  dispatcher: Dispatcher
  idleTimeoutMs: number
  userAgent: string
}

/**
 * Sends a local video to the upload URL Pinterest handed out: multipart form, every upload parameter in order,
 * `file` last, exact Content-Length, no Pinterest auth header. Not retried here: a retry means re-reading the whole
 * file and, on an expired policy, registering again, which the pipeline decides. The file's size and mtime are
 * compared after the transfer, because a file that changed makes the declared length a lie.
 */
export async function uploadMediaFile(
  deps: UploadDeps,
  upload: MediaUpload,
  filePath: string,
  opts: TransferOptions & { bytesPerSecond?: number } = {},
): Promise<void> {
  const before = await stampOf(filePath)
  const sniffed = await sniffFile(filePath)
  const contentType = sniffed?.kind === 'video' ? sniffed.mime : 'application/octet-stream'
  const chunkSize = chunkSizeFor(opts.bytesPerSecond)
  const body = multipartFileBody(
    upload.uploadParameters,
    { path: filePath, size: before.size, mtimeMs: before.mtimeMs, filename: basename(filePath), contentType },
    chunkSize,
  )
  const res = await send({
    dispatcher: deps.dispatcher,
    method: 'POST',
    url: upload.uploadUrl,
    headers: { 'user-agent': deps.userAgent },
    body,
    signal: opts.signal,
    onProgress: opts.onProgress,
    throttle: opts.bytesPerSecond ? createThrottle(opts.bytesPerSecond) : undefined,
    idleTimeoutMs: deps.idleTimeoutMs,
    what: 'Uploading the video',
    unsafe: false,
  })
  if (res.status < 200 || res.status >= 300) throw errorFromUpload(res)
  await assertUnchanged(filePath, before)
}
