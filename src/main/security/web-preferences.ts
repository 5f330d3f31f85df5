/**
 * The one place the window's webPreferences are decided, so the shell and its test agree. Electron's
 * type is structural, so this file needs no electron import.
 */
export function hardenedWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    experimentalFeatures: false,
  } as const
}

/**
 * Development only (`npm run dev`): Vite's dev server needs its HMR websocket and React Refresh's inline
 * preamble. Never used for the built app, which `npm start` runs.
 */
export const DEV_RENDERER_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self' ws://localhost:*; font-src 'self'; base-uri 'none'; form-action 'none'"

/** Content-Security-Policy of the renderer (also set as a meta tag in index.html). */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
