import { useEffect, useState } from 'react'
import { FlaskConical } from 'lucide-react'
import { Banner } from '../../components/banner'
import { Button } from '../../components/button'
import { errorText, invoke } from '../../ipc/client'
import { actions } from '../../store/store'

/**
 * The built-in demo (README.md, "Try it without a Pinterest account"): main runs it against a stand-in of
 * Pinterest on this computer, so the window says so on every screen while it lasts, and offers the way in and out.
 */

async function relaunch(channel: 'app:start-demo' | 'app:leave-demo'): Promise<void> {
  try {
    await invoke(channel, {})
  } catch (e) {
    actions().pushToast('error', `Could not restart Pinload: ${errorText(e)}`)
  }
}

/** Shown above every screen while the app runs the demo; nothing when it does not. */
export function DemoBanner() {
  const [demo, setDemo] = useState(false)
  useEffect(() => {
    let live = true
    invoke('app:mode', {})
      .then((mode) => {
        if (live) setDemo(mode.demo)
      })
      // An app that cannot say is not in the demo: its banner would only be noise.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])
  if (!demo) return null
  return (
    <Banner
      tone="info"
      testId="demo-banner"
      action={<Button onClick={() => void relaunch('app:leave-demo')}>Leave demo</Button>}
    >
      <strong>Demo</strong> — uploads go to a built-in stand-in of Pinterest on this computer; nothing is
      really posted.
    </Banner>
  )
}

/** On the Account screen before any account is connected: restarts the app in the demo. */
export function TryDemoButton() {
  return (
    <div className="card try-demo">
      <Button icon={FlaskConical} onClick={() => void relaunch('app:start-demo')}>
        Try the demo
      </Button>
      <p className="hint">
        No Pinterest account needed: Pinload restarts with sample boards and posts to a stand-in of Pinterest
        on this computer, in a data folder of its own that is thrown away afterwards.
      </p>
    </div>
  )
}
