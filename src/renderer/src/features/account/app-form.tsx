import { useState } from 'react'
import type { AccountView, Environment } from '../../../../shared/domain'
import { DEFAULT_OAUTH_PORT } from '../../../../shared/limits'
import { actions } from '../../store/store'
import { portOf, saveApp } from './account-actions'

function RedirectUri({ uri }: { uri: string }) {
  const copy = () => {
    navigator.clipboard.writeText(uri).then(
      () => actions().pushToast('success', 'Redirect URI copied.'),
      () => actions().pushToast('error', 'Could not copy: select the address and copy it by hand.'),
    )
  }
  return (
    <div className="redirect-uri">
      <p>
        Register this exact redirect URI on your app at developers.pinterest.com (My apps → your app →
        Redirect URIs):
      </p>
      <div className="copy-row">
        <code data-testid="redirect-uri">{uri}</code>
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
    </div>
  )
}

/** App ID + secret + port + environment. The secret lives in this form's state only until it is sent. */
export function AppForm({ account }: { account: AccountView }) {
  const [appId, setAppId] = useState(account.appId ?? '')
  const [appSecret, setAppSecret] = useState('')
  const [port, setPort] = useState(() => portOf(account.redirectUri, DEFAULT_OAUTH_PORT))
  const [environment, setEnvironment] = useState<Environment>(account.environment)
  const [secretBoards, setSecretBoards] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const secret = appSecret
    // Cleared before the round trip: the secret should not sit in the page while main stores it.
    setAppSecret('')
    void saveApp({ appId: appId.trim(), appSecret: secret, port, environment, secretBoards }).finally(() =>
      setBusy(false),
    )
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="app-form-title">
      <h2 id="app-form-title">Your Pinterest app</h2>
      <p className="hint">
        Pinload uses your own app from developers.pinterest.com. The secret is kept in the system keychain.
      </p>
      <label>
        App ID
        <input
          value={appId}
          onChange={(e) => setAppId(e.target.value)}
          autoComplete="off"
          required
          maxLength={64}
        />
      </label>
      <label>
        App secret
        <input
          type="password"
          value={appSecret}
          onChange={(e) => setAppSecret(e.target.value)}
          autoComplete="off"
          maxLength={256}
          placeholder={account.hasAppSecret ? 'Saved in the keychain (type to replace)' : ''}
          required={!account.hasAppSecret}
        />
      </label>
      <label>
        Sign-in port
        <input
          type="number"
          min={1024}
          max={65535}
          value={port}
          onChange={(e) => setPort(Number(e.target.value))}
        />
      </label>
      <fieldset className="inline">
        <legend>Environment</legend>
        {(['production', 'sandbox'] as const).map((env) => (
          <label key={env}>
            <input
              type="radio"
              name="environment"
              value={env}
              checked={environment === env}
              onChange={() => setEnvironment(env)}
            />
            {env === 'production' ? 'Production' : 'Sandbox'}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={secretBoards} onChange={(e) => setSecretBoards(e.target.checked)} />
        Also allow secret boards
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || appId.trim() === ''}>
          Save app details
        </button>
      </div>
      <RedirectUri uri={account.redirectUri} />
    </form>
  )
}
