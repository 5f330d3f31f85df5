import { useEffect, useRef, useState } from 'react'
import { FlaskConical } from 'lucide-react'
import { Button } from '../../components/button'
import { errorText, invoke } from '../../ipc/client'
import { actions, useStore } from '../../store/store'
import { AppKeysStep, ConnectStep, CreateAppStep } from './first-run-steps'
import { cancelConnect } from '../account/account-actions'
import { focusLost, focusScreenHeading } from '../../lib/focus'

const STEPS = ['Create your Pinterest app', 'App ID and secret', 'Connect'] as const

function startDemo(): void {
  invoke('app:start-demo', {}).catch((e: unknown) =>
    actions().pushToast('error', `Could not restart Pinload: ${errorText(e)}`),
  )
}

/**
 * First run (issue 18, point 5): while no account is connected, a modal sheet walks through the three steps
 * (make the app, give its keys, connect). "Not now" leaves the Account screen underneath; a connection closes
 * the sheet and opens the queue.
 */
export function FirstRunSheet() {
  const account = useStore((s) => s.account)
  const [dismissed, setDismissed] = useState(false)
  const [step, setStep] = useState(0)
  const ref = useRef<HTMLDialogElement>(null)
  const show = account?.status === 'signed_out' && !dismissed

  useEffect(() => {
    const d = ref.current
    if (show && d && !d.open) d.showModal()
  }, [show])
  const wasShown = useRef(false)
  useEffect(() => {
    // Connected from the sheet: the work starts on the queue.
    if (wasShown.current && account?.status === 'connected') actions().setScreen('queue')
    // The sheet leaves the page without closing the dialog, so no focus comes back by itself: the screen
    // underneath (Account after "Not now", the queue once connected) takes it at its heading.
    if (wasShown.current && !show) requestAnimationFrame(() => focusLost() && focusScreenHeading())
    wasShown.current = show
  }, [show, account?.status])
  // A new step replaces the buttons that had the focus: its heading takes it, and is read out.
  const stepHeading = useRef<HTMLHeadingElement>(null)
  const shownStep = useRef(step)
  useEffect(() => {
    if (shownStep.current !== step) stepHeading.current?.focus()
    shownStep.current = step
  }, [step])

  // A sign-in still waiting in the browser is given up, as Cancel would: nothing is left running unseen.
  const notNow = () => {
    if (useStore.getState().connecting) void cancelConnect()
    setDismissed(true)
  }
  if (!show) return null
  const titleId = 'first-run-title'
  return (
    <dialog
      ref={ref}
      className="modal-sheet first-run"
      aria-labelledby={titleId}
      data-testid="first-run"
      onCancel={(e) => {
        // Escape: the same as Not now (the dialog closes through React, not by itself).
        e.preventDefault()
        notNow()
      }}
    >
      <header className="modal-sheet-header">
        <h2 id={titleId}>Connect Pinload to Pinterest</h2>
        <ol className="first-run-steps" aria-label="Steps">
          {STEPS.map((s, i) => (
            <li
              key={s}
              aria-current={i === step ? 'step' : undefined}
              className={i === step ? 'is-current' : ''}
            >
              <span className="first-run-step-number">{i + 1}</span> {s}
            </li>
          ))}
        </ol>
      </header>
      <div className="modal-sheet-body">
        <h3 ref={stepHeading} tabIndex={-1}>
          Step {step + 1} of 3 · {STEPS[step]}
        </h3>
        {account && step === 0 ? <CreateAppStep account={account} onNext={() => setStep(1)} /> : null}
        {account && step === 1 ? (
          <AppKeysStep account={account} onBack={() => setStep(0)} onNext={() => setStep(2)} />
        ) : null}
        {step === 2 ? <ConnectStep onBack={() => setStep(1)} /> : null}
      </div>
      <footer className="modal-sheet-footer">
        <Button variant="quiet" icon={FlaskConical} onClick={startDemo}>
          Try the demo instead
        </Button>
        <Button variant="quiet" onClick={notNow}>
          Not now
        </Button>
      </footer>
    </dialog>
  )
}
