/**
 * `npm run fake-pinterest`: a fake Pinterest for manual runs of the app and CLI. PORT picks the port
 * (default: any free one). Seeds two boards and a token, prints how to point Pinload at it, and stays up
 * until SIGINT/SIGTERM. FAKE_RATE_LIMITS=off lifts the per-minute limits (long benchmarks);
 * FAKE_MEDIA_PROCESSING_MS sets how long an uploaded video stays 'processing' (default 2000).
 */
import { startFakePinterest } from '../../src/main/fake-pinterest/index'

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 0
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${process.env.PORT}"`)
  const processing = Number(process.env.FAKE_MEDIA_PROCESSING_MS ?? 2000)
  if (!Number.isFinite(processing) || processing < 0)
    throw new Error('FAKE_MEDIA_PROCESSING_MS must be a number of ms >= 0')
  const fake = await startFakePinterest({
    port,
    mediaProcessingMs: processing,
    ...(process.env.FAKE_RATE_LIMITS === 'off' ? { rateLimits: false as const } : {}),
  })
  const travel = fake.addBoard({ name: 'Travel', description: 'Places worth the trip' })
  fake.addSection(travel.id, 'Mountains')
  fake.addBoard({ name: 'Recipes' })
  const token = fake.issueToken()

  const lines = [
    `baseUrl      ${fake.baseUrl}`,
    `apiBase      ${fake.apiBase}`,
    `oauthBase    ${fake.oauthBase}`,
    `accessToken  ${token.accessToken}`,
    `refreshToken ${token.refreshToken}`,
    `OAuth client test-app-id / test-app-secret, redirect http://localhost:8085/`,
    '',
    `PINLOAD_API_BASE=${fake.apiBase}`,
    `PINLOAD_OAUTH_BASE=${fake.oauthBase}`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)

  const stop = (): void => {
    void fake.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-pinterest: ${String(err)}\n`)
  process.exit(1)
})
