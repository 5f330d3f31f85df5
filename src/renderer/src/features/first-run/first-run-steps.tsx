import { useEffect, useRef, useState } from 'react'
import { Copy, ExternalLink } from 'lucide-react'
import type { AccountView, Environment } from '../../../../shared/domain'
import { DEFAULT_OAUTH_PORT } from '../../../../shared/limits'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { errorText, invoke } from '../../ipc/client'
import { actions, useStore } from '../../store/store'
import { applyToken, cancelConnect, connect, portOf, saveApp } from '../account/account-actions'
import { focusLost } from '../../lib/focus'

const APPS_PAGE = 'https://developers.pinterest.com/apps/'

function openAppsPage(): void {
  invoke('shell:open-external', { url: APPS_PAGE }).catch((e: unknown) =>
    actions().pushToast('error', `Could not open the browser: ${errorText(e)}`),
  )
}

function copy(text: string): void {
  navigator.clipboard.writeText(text).then(
    () => actions().pushToast('success', 'Redirect URI copied.'),
    () => actions().pushToast('error', 'Could not copy: select the address and copy it by hand.'),
  )
}

const CHECKLIST = [
  'I created an app (any name) on developers.pinterest.com',
  'I added the redirect URI above to the app’s Redirect URIs',
  'I can see the app’s App ID and App secret',
]

/** Step 1: make the app Pinload signs in through, with the redirect URI to register. */
export function CreateAppStep({ account, onNext }: { account: AccountView; onNext: () => void }) {
  const [done, setDone] = useState<boolean[]>(CHECKLIST.map(() => false))
  return (
    <>
      <p>
        Pinload posts through a Pinterest app of your own, so only you hold its keys. Creating one takes a few
        minutes and is free.
      </p>
      <Button icon={ExternalLink} onClick={openAppsPage}>
        Open developers.pinterest.com
      </Button>
      <div className="redirect-uri">
        <p>Redirect URI to add to the app:</p>
        <div className="copy-row">
          <code data-testid="first-run-redirect-uri">{account.redirectUri}</code>
          <Button icon={Copy} onClick={() => copy(account.redirectUri)}>
            Copy
          </Button>
        </div>
      </div>
      <fieldset className="checklist">
        <legend>Checklist</legend>
        {CHECKLIST.map((line, i) => (
          <label key={line} className="check">
            <input
              type="checkbox"
              checked={done[i]}
              onChange={(e) => setDone(done.map((d, j) => (j === i ? e.target.checked : d)))}
            />
            {line}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <Button variant="primary" onClick={onNext}>
          Next: App ID and secret
        </Button>
      </div>
    </>
  )
}

/** Step 2: App ID and secret; the port, the sandbox and a pasted token under Advanced. */
export function AppKeysStep({
  account,
  onBack,
  onNext,
}: {
  account: AccountView
  onBack: () => void
  onNext: () => void
}) {
  const [appId, setAppId] = useState(account.appId ?? '')
  const [secret, setSecret] = useState('')
  const [port, setPort] = useState(() => portOf(account.redirectUri, DEFAULT_OAUTH_PORT))
  const [environment, setEnvironment] = useState<Environment>(account.environment)
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const canSave = appId.trim() !== '' && (secret !== '' || account.hasAppSecret) && !busy
  const save = (e: React.FormEvent) => {
    e.preventDefault()
    if (!canSave) return
    setBusy(true)
    const s = secret
    // The secret leaves the page's state as it is sent (main keeps it in the keychain).
    setSecret('')
    void saveApp({ appId: appId.trim(), appSecret: s, port, environment, secretBoards: false })
      .then((ok) => ok && onNext())
      .finally(() => setBusy(false))
  }
  const useToken = () => {
    const t = token.trim()
    setToken('')
    setBusy(true)
    void applyToken(t, environment).finally(() => setBusy(false))
  }
  return (
    <form onSubmit={save} className="form">
      <Field label="App ID" hint="On the app’s page, under its name.">
        {(c) => (
          <input
            {...c}
            value={appId}
            onChange={(e) => setAppId(e.target.value)}
            autoComplete="off"
            maxLength={64}
          />
        )}
      </Field>
      <Field label="App secret" hint="Kept in the system keychain, never in Pinload’s files.">
        {(c) => (
          <input
            {...c}
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="off"
            maxLength={256}
            placeholder={account.hasAppSecret ? 'Saved (type to replace)' : ''}
          />
        )}
      </Field>
      <details className="advanced">
        <summary>Advanced: port, sandbox, pasted token</summary>
        <Field
          label="Sign-in port"
          hint={`The redirect URI becomes http://localhost:${port}/: register that one on the app.`}
        >
          {(c) => (
            <input
              {...c}
              type="number"
              min={1024}
              max={65535}
              value={port}
              onChange={(e) => setPort(Number(e.target.value))}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={environment === 'sandbox'}
            onChange={(e) => setEnvironment(e.target.checked ? 'sandbox' : 'production')}
          />
          Use Pinterest’s sandbox (test Pins nobody sees)
        </label>
        <Field label="Access token" hint="Instead of signing in: a token from the app’s page.">
          {(c) => (
            <input
              {...c}
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Button onClick={useToken} disabled={busy || token.trim().length < 8}>
          Use token
        </Button>
      </details>
      <div className="form-actions">
        <Button onClick={onBack}>Back</Button>
        <Button type="submit" variant="primary" disabled={!canSave}>
          Next: Connect
        </Button>
      </div>
    </form>
  )
}

/** Step 3: sign in in the browser, with a waiting state and Cancel. */
export function ConnectStep({ onBack }: { onBack: () => void }) {
  const connecting = useStore((s) => s.connecting)
  // Connect and Cancel replace each other: the one that appears takes the focus the other one had.
  const swap = useRef<HTMLDivElement>(null)
  const was = useRef(connecting)
  useEffect(() => {
    if (was.current !== connecting && focusLost())
      swap.current?.querySelector<HTMLElement>(connecting ? 'button' : 'button:last-of-type')?.focus()
    was.current = connecting
  }, [connecting])
  return (
    <>
      <p>
        Pinload opens Pinterest in your browser. Approve it there, then come back: this window goes on by
        itself.
      </p>
      {connecting ? (
        <div className="waiting" role="status" ref={swap}>
          <span>Waiting for the browser… Approve Pinload on the Pinterest page that opened.</span>
          <Button onClick={() => void cancelConnect()}>Cancel</Button>
        </div>
      ) : (
        <div className="form-actions" ref={swap}>
          <Button onClick={onBack}>Back</Button>
          <Button variant="primary" onClick={() => void connect()}>
            Connect to Pinterest
          </Button>
        </div>
      )}
    </>
  )
}
