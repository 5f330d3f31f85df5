import type { AccountView } from '../../../../shared/domain'
import { Banner } from '../../components/banner'
import { useStore } from '../../store/store'
import { cancelConnect, connect, signOut } from './account-actions'
import { AppForm } from './app-form'
import { TokenForm } from './token-form'
import { TryDemoButton } from '../demo/demo-banner'

const TOKEN_SOURCES = {
  oauth: 'signed in with Pinterest',
  pasted: 'pasted token',
  env: 'PINLOAD_ACCESS_TOKEN',
} as const

function Banners({ account }: { account: AccountView }) {
  return (
    <>
      {account.status === 'needs_sign_in' ? (
        <Banner tone="warning">
          Pinterest needs you to sign in again; uploads for this account are paused and will continue after
          you sign in.
        </Banner>
      ) : null}
      {account.status === 'no_keychain' ? (
        <Banner tone="danger">
          Pinload cannot reach the system keychain, so it cannot keep your app secret or sign-in safely. On
          Linux, install and unlock a Secret Service keyring (GNOME Keyring or KWallet), then restart Pinload.
          Until then you can paste a token for this session.
        </Banner>
      ) : null}
      {account.message !== undefined ? <Banner tone="info">{account.message}</Banner> : null}
      {account.warnings.length > 0 ? (
        <ul className="warnings" aria-label="Account warnings">
          {account.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

/** A browser sign-in under way, with the way out of it. */
function WaitingForBrowser() {
  return (
    <div className="waiting" role="status">
      <span>Waiting for the browser… Approve Pinload on the Pinterest page that opened.</span>
      <button type="button" onClick={() => void cancelConnect()}>
        Cancel
      </button>
    </div>
  )
}

function Connection({ account }: { account: AccountView }) {
  const connecting = useStore((s) => s.connecting)
  if (account.status === 'connected') {
    return (
      <div className="card connected">
        <p data-testid="connected-as">
          Connected as <strong>{account.username ?? 'your account'}</strong>
          {account.accountType !== undefined ? ` (${account.accountType.toLowerCase()} account)` : ''} on{' '}
          {account.environment === 'sandbox' ? 'the sandbox' : 'production'}
          {account.tokenSource !== undefined ? ` · ${TOKEN_SOURCES[account.tokenSource]}` : ''}.
        </p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    )
  }
  const ready = account.appId !== undefined && account.hasAppSecret
  return (
    <div className="card connect">
      {connecting ? (
        <WaitingForBrowser />
      ) : (
        <>
          <button type="button" className="primary" disabled={!ready} onClick={() => void connect()}>
            {account.status === 'needs_sign_in' ? 'Sign in again' : 'Connect to Pinterest'}
          </button>
          {!ready ? <p className="hint">Save your App ID and secret first.</p> : null}
        </>
      )}
    </div>
  )
}

/**
 * Another Pinterest account beside the one connected (issue 15): a sign-in through the browser as another user,
 * or a pasted token, adds that user and makes it the account new batches go to. An account signed out while its
 * Pins wait is signed in again here.
 */
function AnotherAccount({ account }: { account: AccountView }) {
  const connecting = useStore((s) => s.connecting)
  const ready = account.appId !== undefined && account.hasAppSecret
  return (
    <div className="columns">
      <section className="card connect" aria-labelledby="another-title">
        <h2 id="another-title">Add another account</h2>
        <p className="hint">
          Sign in to Pinterest in the browser as the other account; its Pins keep their own boards and limits.
        </p>
        {connecting ? (
          <WaitingForBrowser />
        ) : (
          <>
            <button type="button" disabled={!ready} onClick={() => void connect()}>
              Sign in as another account…
            </button>
            {!ready ? (
              <p className="hint">
                Save your App ID and secret first (under "App details" below), or paste a token.
              </p>
            ) : null}
          </>
        )}
      </section>
      <TokenForm defaultEnvironment={account.environment} />
    </div>
  )
}

export function AccountScreen() {
  const account = useStore((s) => s.account)
  return (
    <section className="screen" aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
      {account === null ? (
        <p>Loading…</p>
      ) : (
        <>
          <Banners account={account} />
          <Connection account={account} />
          {account.status !== 'connected' ? <TryDemoButton /> : null}
          {account.status !== 'connected' ? (
            <div className="columns">
              <AppForm key={`${account.appId ?? ''}-${account.environment}`} account={account} />
              <TokenForm defaultEnvironment={account.environment} />
            </div>
          ) : (
            <AnotherAccount account={account} />
          )}
          {account.status === 'connected' ? (
            <details className="card">
              <summary>App details and environment (production / sandbox)</summary>
              <p className="hint">
                Changing the app or the environment takes effect the next time you connect.
              </p>
              <AppForm key={`${account.appId ?? ''}-${account.environment}`} account={account} />
            </details>
          ) : null}
        </>
      )}
    </section>
  )
}
