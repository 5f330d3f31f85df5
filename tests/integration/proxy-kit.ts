/**
 * Network pieces for the proxy and TLS tests (issue 11, finding 5): a forwarding and CONNECT proxy on
 * 127.0.0.1 that counts what passes through it, and an HTTPS server whose certificate nobody trusts.
 */
import { createServer as createHttpServer, request as httpRequest } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface TestProxy {
  /** http://127.0.0.1:PORT */
  url: string
  /** TCP connections accepted from clients. */
  connections: number
  /** `host:port` of each CONNECT tunnel opened. */
  tunnels: string[]
  /** Absolute URLs of the requests forwarded without a tunnel. */
  forwarded: string[]
  close(): Promise<void>
}

/** An HTTP proxy: absolute-URI requests are forwarded, CONNECT opens a TCP tunnel. */
export async function startProxy(): Promise<TestProxy> {
  const sockets = new Set<Socket>()
  const server = createHttpServer((req, res) => {
    proxy.forwarded.push(req.url ?? '')
    const target = new URL(req.url ?? '')
    const up = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: target.pathname + target.search,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    up.on('error', () => res.destroy())
    req.pipe(up)
  })
  server.on('connection', (s: Socket) => {
    proxy.connections++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    proxy.tunnels.push(req.url ?? '')
    const [host = '', port = '0'] = (req.url ?? '').split(':')
    const up = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) up.write(head)
      up.pipe(client)
      client.pipe(up)
    })
    sockets.add(up)
    up.on('close', () => sockets.delete(up))
    up.on('error', () => client.destroy())
    client.on('error', () => up.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const proxy: TestProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: 0,
    tunnels: [],
    forwarded: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  return proxy
}

/** A self-signed certificate for 127.0.0.1 (valid until 2125), made with openssl for these tests only. */
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6Juc4F1qgNtguxtt
gX9p+igU518WLxjrkPWuu0phhOShRANCAAQrIjaq+pG/goUOmDV0OjKdWQuv7Rer
6NSHIuES+xknAtnLIucpjCA90FC7G0HBnKF3kVDj3AmPgKbNq1+MAZ0L
-----END PRIVATE KEY-----`
const CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUaSbIAMSjWlv+uB7vtc1/j/7w7OUwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNDIwNDgxOFoYDzIxMjYxMTEw
MjA0ODE4WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQrIjaq+pG/goUOmDV0OjKdWQuv7Rer6NSHIuES+xknAtnLIucpjCA9
0FC7G0HBnKF3kVDj3AmPgKbNq1+MAZ0Lo2QwYjAdBgNVHQ4EFgQUWpt01lYkvXt1
gRdAQL94dsEeSpEwHwYDVR0jBBgwFoAUWpt01lYkvXt1gRdAQL94dsEeSpEwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
IAIorKwd1JdQ0nmup/VxlCzdqQFCncOCxvXTZCiay/2wAiAEF8Z+Al4PzoMroHDO
8xCYnSC/3HZIZJz1u/57rNuHWA==
-----END CERTIFICATE-----`

export interface UntrustedServer {
  /** https://127.0.0.1:PORT */
  url: string
  /** TCP connections accepted (each try of a client is one). */
  connections: number
  /** Requests that got through (none when the client refuses the certificate). */
  requests: number
  close(): Promise<void>
}

/** An HTTPS server answering 200 `{}` with a certificate no client trusts. */
export async function startUntrustedTls(): Promise<UntrustedServer> {
  const sockets = new Set<Socket>()
  const server = createHttpsServer({ key: KEY, cert: CERT }, (_req, res) => {
    tls.requests++
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  server.on('connection', (s: Socket) => {
    tls.connections++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const tls: UntrustedServer = {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: 0,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  return tls
}
