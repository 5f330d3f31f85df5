import { useState } from 'react'
import type { Environment } from '../../../../shared/domain'
import { applyToken } from './account-actions'

/** "Paste a token": e.g. a sandbox token generated on the app's page. Cleared once sent. */
export function TokenForm({ defaultEnvironment }: { defaultEnvironment: Environment }) {
  const [token, setToken] = useState('')
  const [environment, setEnvironment] = useState<Environment>(defaultEnvironment)
  const [busy, setBusy] = useState(false)
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const t = token.trim()
    setToken('')
    setBusy(true)
    void applyToken(t, environment).finally(() => setBusy(false))
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="token-title">
      <h2 id="token-title">Or paste an access token</h2>
      <label>
        Access token
        <input
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
          minLength={8}
        />
      </label>
      <label>
        Token environment
        <select value={environment} onChange={(e) => setEnvironment(e.target.value as Environment)}>
          <option value="production">Production</option>
          <option value="sandbox">Sandbox</option>
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" disabled={busy || token.trim().length < 8}>
          Use token
        </button>
      </div>
    </form>
  )
}
