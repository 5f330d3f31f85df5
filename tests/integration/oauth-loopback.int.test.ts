import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { startLoopbackListener, type LoopbackListener } from '../../src/main/auth/oauth-loopback'

let listener: LoopbackListener | undefined
afterEach(() => {
  listener?.close()
  listener = undefined
})

/** Every IPv4 address of this machine that is not loopback. */
function nonLoopbackIPv4(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal && !a.address.startsWith('127.'))
    .map((a) => a.address)
}

function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve('timeout')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
  })
}

const others = nonLoopbackIPv4()

describe('the sign-in listener is reachable on loopback only', () => {
  it('is bound to 127.0.0.1', async () => {
    listener = await startLoopbackListener({ port: 0, state: 's' })
    expect((listener.server.address() as AddressInfo).address).toBe('127.0.0.1')
    expect(await tryConnect('127.0.0.1', listener.port)).toBe('connected')
  })

  it.skipIf(others.length === 0)(
    `refuses connections on this machine's other addresses (${others.join(', ') || 'none: skipped, the machine has no non-loopback IPv4 address'})`,
    async () => {
      listener = await startLoopbackListener({ port: 0, state: 's' })
      for (const address of others) {
        expect(await tryConnect(address, listener.port), address).not.toBe('connected')
      }
      // The loopback still works after the attempts, and the flow is still waiting.
      expect(await tryConnect('127.0.0.1', listener.port)).toBe('connected')
      const res = fetch(`http://127.0.0.1:${listener.port}/?code=c&state=s`)
      await expect(listener.code).resolves.toBe('c')
      listener.reply({ ok: true })
      expect((await res).status).toBe(200)
    },
  )
})
