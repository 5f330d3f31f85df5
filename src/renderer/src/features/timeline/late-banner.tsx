import { useEffect, useState } from 'react'
import { Banner } from '../../components/banner'
import { Button } from '../../components/button'
import { onEvent } from '../../ipc/client'
import { plural } from '../../lib/format'
import { actions, useStore } from '../../store/store'
import { catchUp, loadLate, type LateItem } from './timeline-actions'

/**
 * Pins that missed their time by more than the account's limit (a laptop asleep, the app closed) wait for the
 * user: this says how many and offers Catch up, which sends them at the pacing rules' pace.
 */
export function LateBanner({ onTimeline = false }: { onTimeline?: boolean }) {
  const [late, setLate] = useState<LateItem[]>([])
  const screen = useStore((s) => s.screen)
  useEffect(() => {
    let live = true
    const refresh = () => void loadLate().then((l) => live && setLate(l))
    refresh()
    // An item held for the user shows up as a progress change; a short wait lets the batch settle.
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = onEvent('uploads:progress', () => {
      clearTimeout(timer)
      timer = setTimeout(refresh, 500)
    })
    return () => {
      live = false
      clearTimeout(timer)
      off()
    }
  }, [])
  // The timeline shows its own, above the Pins it is about.
  if (late.length === 0 || (!onTimeline && screen === 'timeline')) return null
  return (
    <Banner
      tone="warning"
      testId="late-banner"
      action={
        <>
          {onTimeline ? null : <Button onClick={() => actions().setScreen('timeline')}>Open timeline</Button>}
          <Button variant="primary" onClick={() => void catchUp().then(() => loadLate().then(setLate))}>
            Catch up
          </Button>
        </>
      }
    >
      {plural(late.length, 'Pin', 'Pins')} missed {late.length === 1 ? 'its' : 'their'} time by more than the
      pacing limit and wait{late.length === 1 ? 's' : ''} for you.
    </Banner>
  )
}
