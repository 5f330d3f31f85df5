/**
 * A request body of known length that can be produced again for each attempt (a retry re-reads the file rather
 * than keeping it in memory).
 */
export interface OutgoingBody {
  /** Exact byte length, sent as Content-Length (never chunked). */
  contentLength: number
  contentType: string
  /** A fresh stream of the body's bytes; must stop when `signal` aborts. */
  open(signal: AbortSignal): AsyncIterable<Uint8Array> | Iterable<Uint8Array>
}

/** A body that is already in memory (small JSON). */
function bufferBody(data: Buffer, contentType: string): OutgoingBody {
  return {
    contentLength: data.length,
    contentType,
    open() {
      return [data]
    },
  }
}

export function jsonBody(value: unknown): OutgoingBody {
  return bufferBody(Buffer.from(JSON.stringify(value), 'utf8'), 'application/json')
}
