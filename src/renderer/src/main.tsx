import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { applyDensity, applyTheme, rememberedDensity, rememberedTheme } from './lib/apply-theme'
import './styles/tokens.css'
import './styles/base.css'
import './styles/layout.css'
import './styles/queue.css'
import './styles/inspector.css'
import './styles/forms.css'
import './styles/components.css'
import './styles/combobox.css'
import './styles/sheets.css'

applyTheme(rememberedTheme())
applyDensity(rememberedDensity())
// macOS shows the traffic lights over the sidebar (the shell's inset title bar): layout.css leaves room.
if (/Mac/.test(navigator.platform)) document.documentElement.dataset.platform = 'mac'
// Windows 11's Mica under a see-through window (src/main/shell/window-look.ts): the sidebar lets it show.
if (new URLSearchParams(location.search).get('material') === 'mica')
  document.documentElement.dataset.material = 'mica'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
