/**
 * `npm run fake-pinterest`: a fake Pinterest for manual runs of the app and CLI. PORT picks the port
 * (default: any free one). Seeds two boards and a token, prints how to point Pinload at it, and stays up
 * until SIGINT/SIGTERM.
 */
import { startFakePinterest } from './index'

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`)
  const fake = await startFakePinterest({ port, mediaProcessingMs: 2000 })
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
