import { useEffect } from 'react'
import { Banner } from './components/banner'
import { loadBoards } from './components/board-actions'
import { Button } from './components/button'
import { Nav } from './components/nav'
import { Toasts } from './components/toasts'
import { DemoBanner } from './features/demo/demo-banner'
import { FirstRunSheet } from './features/first-run/first-run-sheet'
import { NewBatchSheet } from './features/add/new-batch-sheet'
import { useWindowDrop } from './features/add/use-window-drop'
import { CommandPalette, usePaletteShortcut } from './features/commands/command-palette'
import { AccountScreen } from './features/account/account-screen'
import { loadAccount } from './features/account/account-actions'
import { AddScreen } from './features/add/add-screen'
import { ImportScreen } from './features/import/import-screen'
import { loadQueue } from './features/queue/queue-actions'
import { QueueScreen } from './features/queue/queue-screen'
import { ReviewScreen } from './features/review/review-screen'
import { LateBanner } from './features/timeline/late-banner'
import { TimelineScreen } from './features/timeline/timeline-screen'
import { loadSettings, SettingsScreen } from './features/settings/settings-screen'
import { loadWatches } from './features/watch/watch-actions'
import { WatchScreen } from './features/watch/watch-screen'
import { connectEvents } from './ipc/event-bridge'
import { applyTheme } from './lib/apply-theme'
import { actions, useStore } from './store/store'

function NeedsSignInBanner() {
  const status = useStore((s) => s.account?.status)
  const screen = useStore((s) => s.screen)
  if (status !== 'needs_sign_in' || screen === 'account') return null
  return (
    <Banner
      tone="warning"
      action={
        <Button variant="primary" onClick={() => actions().setScreen('account')}>
          Sign in
        </Button>
      }
    >
      Pinterest needs you to sign in again; uploads for this account are paused and will continue after you
      sign in.
    </Banner>
  )
}

function CurrentScreen() {
  const screen = useStore((s) => s.screen)
  switch (screen) {
    case 'queue':
      return <QueueScreen />
    case 'review':
      return <ReviewScreen />
    case 'timeline':
      return <TimelineScreen />
    case 'add':
      return <AddScreen />
    case 'import':
      return <ImportScreen />
    case 'watch':
      return <WatchScreen />
    case 'account':
      return <AccountScreen />
    case 'settings':
      return <SettingsScreen />
  }
}

function NewBatch() {
  const grants = useStore((s) => s.newBatch)
  // Keyed by what was dropped: a second drop starts a fresh sheet.
  return grants ? <NewBatchSheet key={grants.map((g) => g.grant).join()} grants={grants} /> : null
}

export function App() {
  useWindowDrop()
  usePaletteShortcut()
  const theme = useStore((s) => s.settings?.theme)
  useEffect(() => {
    if (theme !== undefined) applyTheme(theme)
  }, [theme])
  useEffect(() => {
    // Subscribe before the first list, so no flush between the two is lost.
    const off = connectEvents()
    void loadAccount().then(() => {
      const status = actions().account?.status
      if (status === 'signed_out' || status === 'no_keychain') actions().setScreen('account')
      else if (status === 'connected') void loadBoards()
    })
    void loadQueue()
    void loadWatches()
    void loadSettings()
    return off
  }, [])
  return (
    <div className="app">
      <Nav />
      <main className="content">
        <DemoBanner />
        <NeedsSignInBanner />
        <LateBanner />
        <CurrentScreen />
      </main>
      <FirstRunSheet />
      <NewBatch />
      <CommandPalette />
      <Toasts />
    </div>
  )
}
