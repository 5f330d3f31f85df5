/**
 * A small streaming multipart/form-data parser (RFC 7578). busboy is not installed, and the S3 fake must
 * take a 1 GiB body in constant memory: part data is handed out as it arrives and never collected here.
 * Boundaries split across chunks are handled by keeping back the last (delimiter length - 1) bytes.
 */

export interface PartInfo {
  /** Content-Disposition name. */
  name: string
  filename: string | null
  contentType: string | null
}

export interface MultipartHandler {
  partBegin(info: PartInfo): void
  partData(data: Buffer): void
  partEnd(): void
}

export class MultipartError extends Error {}

const MAX_HEADER_BYTES = 16 * 1024
const CRLFCRLF = Buffer.from('\r\n\r\n')

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return m ? (m[1] ?? m[2] ?? null) : null
}

export class MultipartParser {
  private state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done' = 'preamble'
  // A virtual CRLF before the body lets the first "--boundary" be found as "\r\n--boundary" like the others.
  private pending: Buffer = Buffer.from('\r\n')
  private readonly delimiter: Buffer

  constructor(
    boundary: string,
    private readonly handler: MultipartHandler,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`)
  }

  get finished(): boolean {
    return this.state === 'done'
  }

  write(chunk: Buffer): void {
    if (this.state === 'done') return // epilogue: ignored
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk
    this.run()
  }

  /** Call at the end of the body: throws when the closing delimiter never came. */
  end(): void {
    if (this.state !== 'done') throw new MultipartError('Multipart body ended before its closing boundary.')
  }

  private run(): void {
    const d = this.delimiter
    for (;;) {
      const buf = this.pending
      switch (this.state) {
        case 'preamble': {
          const i = buf.indexOf(d)
          if (i < 0) {
            this.keepTail(buf, d.length - 1)
            return
          }
          this.pending = buf.subarray(i + d.length)
          this.state = 'after-delimiter'
          break
        }
        case 'after-delimiter': {
          if (buf.length < 2) return
          if (buf[0] === 0x2d && buf[1] === 0x2d) {
            this.state = 'done'
            this.pending = Buffer.alloc(0)
            return
          }
          // RFC 2046 allows transport padding (spaces/tabs) after the delimiter.
          let j = 0
          while (j < buf.length && (buf[j] === 0x20 || buf[j] === 0x09)) j++
          if (buf.length < j + 2) return
          if (buf[j] !== 0x0d || buf[j + 1] !== 0x0a)
            throw new MultipartError('Malformed multipart delimiter line.')
          this.pending = buf.subarray(j + 2)
          this.state = 'headers'
          break
        }
        case 'headers': {
          // An empty header block is legal: the CRLFCRLF then starts right here as "\r\n".
          const end = buf.subarray(0, 2).toString('latin1') === '\r\n' ? -2 : buf.indexOf(CRLFCRLF)
          if (end === -1) {
            if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('Multipart part headers too large.')
            return
          }
          const headerText = end === -2 ? '' : buf.subarray(0, end).toString('utf8')
          this.pending = buf.subarray(end === -2 ? 2 : end + 4)
          this.handler.partBegin(parsePartHeaders(headerText))
          this.state = 'body'
          break
        }
        case 'body': {
          const i = buf.indexOf(d)
          if (i < 0) {
            const keep = Math.min(buf.length, d.length - 1)
            if (buf.length > keep) this.handler.partData(buf.subarray(0, buf.length - keep))
            this.keepTail(buf, keep)
            return
          }
          if (i > 0) this.handler.partData(buf.subarray(0, i))
          this.handler.partEnd()
          this.pending = buf.subarray(i + d.length)
          this.state = 'after-delimiter'
          break
        }
        case 'done':
          return
      }
    }
  }

  /** Copy the tail so the (possibly 64 KiB) chunk it came from can be collected. */
  private keepTail(buf: Buffer, n: number): void {
    this.pending = Buffer.from(buf.subarray(buf.length - Math.min(n, buf.length)))
  }
}

function parsePartHeaders(text: string): PartInfo {
  let name: string | null = null
  let filename: string | null = null
  let contentType: string | null = null
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (key === 'content-disposition') {
      name =
        /(?:^|;)\s*name="([^"]*)"/i.exec(value)?.[1] ?? /(?:^|;)\s*name=([^;\s]+)/i.exec(value)?.[1] ?? null
      filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1] ?? null
    } else if (key === 'content-type') contentType = value
  }
  if (name === null) throw new MultipartError('Multipart part without a Content-Disposition name.')
  return { name, filename, contentType }
}
