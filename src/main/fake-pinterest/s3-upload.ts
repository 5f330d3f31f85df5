import { createHash, timingSafeEqual } from 'node:crypto'
import { bodyChunks, drain, send, sendS3Error, type Ctx } from './http-util'
import { boundaryOf, MultipartError, MultipartParser, type PartInfo } from './multipart'
import type { FakeState, MediaRecord } from './state'

/** The fields POST /v5/media hands out; each must come back before `file`, with its exact value. */
const REQUIRED_FIELDS = [
  'x-amz-date',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-algorithm',
  'key',
  'policy',
  'x-amz-credential',
  'Content-Type',
]
/** AWS: form fields and boundaries, without the file, must stay under 20 KB. */
const MAX_FIELDS_BYTES = 20 * 1024

interface S3Failure {
  status: number
  code: string
  message: string
}

class Stop extends Error {}

export const POLICY_EXPIRED: S3Failure = {
  status: 403,
  code: 'AccessDenied',
  message: 'Invalid according to Policy: Policy expired.',
}

/**
 * POST /s3-upload/ — an S3 "POST Object" browser-form upload as Pinterest's media upload uses it
 * (docs/pinterest-api.md §2.2). Streams: the file bytes are hashed and counted, never held. Errors are S3
 * XML, sent after the body has been read to the end so a client still writing gets a clean answer.
 */
export async function handleS3Upload(ctx: Ctx, state: FakeState): Promise<void> {
  const headers = ctx.req.headers
  if (headers['transfer-encoding'] !== undefined || headers['content-length'] === undefined) {
    return sendS3Error(ctx, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')
  }
  const boundary = boundaryOf(headers['content-type'])
  if (!boundary) {
    return sendS3Error(
      ctx,
      400,
      'InvalidArgument',
      'Bucket POST must be of the enclosure-type multipart/form-data',
    )
  }

  let failure: S3Failure | null = null
  const fail = (f: S3Failure): never => {
    failure = f
    throw new Stop()
  }
  const fields = new Map<string, string>()
  let fieldBytes = 0
  let current: { info: PartInfo; isFile: boolean; text: Buffer[] } | null = null
  let fileSeen = false
  let media: MediaRecord | undefined
  const hash = createHash('sha256')
  let fileBytes = 0

  const checkFieldsBeforeFile = (): void => {
    for (const name of REQUIRED_FIELDS) {
      if (!fields.has(name)) {
        fail({
          status: 400,
          code: 'InvalidArgument',
          message: `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
        })
      }
    }
    const policy = fields.get('policy')!
    const given = Buffer.from(fields.get('x-amz-signature')!)
    const expected = Buffer.from(state.sign(policy))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      fail({
        status: 403,
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      })
    }
    let doc: { expiration: string; conditions: Record<string, string>[] }
    try {
      doc = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as typeof doc
    } catch {
      return fail({ status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' })
    }
    if (Date.parse(doc.expiration) <= state.cfg.now()) fail(POLICY_EXPIRED)
    for (const cond of doc.conditions) {
      for (const [k, v] of Object.entries(cond)) {
        if (k === 'bucket') continue
        if (fields.get(k) !== v) {
          fail({
            status: 403,
            code: 'AccessDenied',
            message: `Invalid according to Policy: Policy Condition failed: ["eq", "$${k}", ${JSON.stringify(v)}]`,
          })
        }
      }
    }
    const key = doc.conditions.find((c) => 'key' in c)?.key
    media = state.mediaRecords.find((m) => m.upload_parameters.key === key)
    if (!media) fail({ status: 403, code: 'AccessDenied', message: 'Access Denied' })
  }

  const parser = new MultipartParser(boundary, {
    partBegin(info) {
      if (fileSeen) {
        fail({
          status: 400,
          code: 'InvalidArgument',
          message: `POST requires exactly one file upload per request, and the file must be the last field (got "${info.name}" after it).`,
        })
      }
      const isFile = info.name === 'file'
      if (isFile) {
        fileSeen = true
        checkFieldsBeforeFile()
      }
      current = { info, isFile, text: [] }
    },
    partData(data) {
      if (!current) return
      if (current.isFile) {
        hash.update(data)
        fileBytes += data.length
        return
      }
      fieldBytes += data.length
      if (fieldBytes > MAX_FIELDS_BYTES)
        fail({
          status: 400,
          code: 'MaxPostPreDataLengthExceeded',
          message: 'Your POST request fields preceding the upload file were too large.',
        })
      current.text.push(Buffer.from(data))
    },
    partEnd() {
      if (current && !current.isFile)
        fields.set(current.info.name, Buffer.concat(current.text).toString('utf8'))
      current = null
    },
  })

  try {
    for await (const chunk of bodyChunks(ctx)) {
      parser.write(chunk)
    }
    parser.end()
  } catch (err) {
    if (!(err instanceof Stop)) {
      if (!(err instanceof MultipartError)) throw err
      failure = {
        status: 400,
        code: 'MalformedPOSTRequest',
        message: 'The body of your POST request is not well-formed multipart/form-data.',
      }
    }
    await drain(ctx)
  }
  const f: S3Failure | null = failure
  if (f) return sendS3Error(ctx, f.status, f.code, f.message)
  if (!fileSeen || !media)
    return sendS3Error(ctx, 400, 'InvalidArgument', 'POST requires exactly one file upload per request.')
  media.uploaded_bytes = fileBytes
  media.sha256 = hash.digest('hex')
  media.upload_count += 1
  media.uploaded_at_ms = state.cfg.now()
  return send(ctx, 204, {})
}
