/**
 * A stand-in for the `electron` module, so the built main bundle can be loaded under plain Node (no
 * Electron binary can run here). Preloaded with `node --require`. It records what the shell does —
 * windows and their webPreferences, IPC channels, loaded URLs — then, once the window has loaded,
 * drives a few IPC requests through the registered handlers as a trusted and a foreign sender, writes a
 * JSON report to $PINLOAD_SMOKE_REPORT and quits the app the way Electron would.
 */
const Module = require('node:module')
const { EventEmitter } = require('node:events')
const { writeFileSync } = require('node:fs')
const os = require('node:os')

const report = {
  windows: [],
  handlers: [],
  loadedUrls: [],
  sent: [],
  guards: {},
  dispatch: {},
  errors: [],
  schemes: [],
  scheme: {},
  dialogs: [],
  backgroundColors: [],
  menuSet: false,
  relaunched: false,
  relaunchArgs: null,
  userData: null,
}
const handlers = new Map()
const protocolHandlers = new Map()
const writeReport = () => writeFileSync(process.env.PINLOAD_SMOKE_REPORT, JSON.stringify(report, null, 2))
const appEvents = new EventEmitter()
let nextId = 1

class WebContents extends EventEmitter {
  constructor() {
    super()
    this.id = nextId++
    this.mainFrame = { url: '' }
    this.windowOpenHandler = null
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn
  }
  isDestroyed() {
    return false
  }
  send(channel, payload) {
    report.sent.push(channel)
    void payload
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.webContents = new WebContents()
    report.windows.push({ options: JSON.parse(JSON.stringify(options)) })
    appEvents.emit('web-contents-created', {}, this.webContents)
  }
  async loadURL(url) {
    report.loadedUrls.push(url)
    this.webContents.mainFrame.url = url
    setTimeout(() => {
      this.emit('ready-to-show')
      void runChecks(this)
    }, 50)
  }
  loadFile(file) {
    return this.loadURL(`file://${file}`)
  }
  show() {}
  maximize() {}
  setBackgroundColor(color) {
    report.backgroundColors.push(color)
  }
  isDestroyed() {
    return false
  }
  isMinimized() {
    return false
  }
  isMaximized() {
    return false
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1200, height: 800 }
  }
  setProgressBar() {}
  static getAllWindows() {
    return []
  }
}

async function runChecks(win) {
  try {
    const wc = win.webContents
    const event = (frameUrl, sameFrame = true) => {
      const frame = { url: frameUrl }
      return { sender: { id: wc.id, mainFrame: sameFrame ? frame : { url: frameUrl } }, senderFrame: frame }
    }
    const call = (channel, input, ev) => {
      const h = handlers.get(`pinload:${channel}`)
      return h ? h(ev, input) : Promise.resolve({ missing: true })
    }
    const url = report.loadedUrls[0]
    report.dispatch.trustedSettings = await call('settings:get', {}, event(url))
    report.dispatch.trustedAccount = await call('account:get', {}, event(url))
    report.dispatch.mode = await call('app:mode', {}, event(url))
    if (process.argv.includes('--demo'))
      report.dispatch.leaveDemo = await call('app:leave-demo', {}, event(url))
    report.dispatch.foreignOrigin = await call('settings:get', {}, event('https://evil.example/'))
    report.dispatch.subFrame = await call('settings:get', {}, event(url, false))
    report.dispatch.malformed = await call('settings:set', { concurrency: 'lots' }, event(url))
    const nav = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      },
    }
    wc.emit('will-navigate', nav, 'https://evil.example/')
    report.guards.navigationBlocked = nav.defaultPrevented
    const webview = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      },
    }
    wc.emit('will-attach-webview', webview)
    report.guards.webviewBlocked = webview.defaultPrevented
    report.guards.popup = wc.windowOpenHandler ? wc.windowOpenHandler({ url: 'https://evil.example/' }) : null
    // The system turns dark while the app runs with the System theme: the window repaints its background.
    electron.nativeTheme.shouldUseDarkColors = true
    const before = report.backgroundColors.length
    electron.nativeTheme.emit('updated')
    report.themeUpdated = report.backgroundColors.slice(before)
    electron.nativeTheme.shouldUseDarkColors = false
    // Settings → Appearance → Dark, as the window saves it: the native theme follows, the window repaints.
    const beforeSet = report.backgroundColors.length
    const saved = await call('settings:set', { theme: 'dark' }, event(url))
    report.themeSet = {
      ok: saved && saved.ok,
      themeSource: electron.nativeTheme.themeSource,
      backgrounds: report.backgroundColors.slice(beforeSet),
    }
    // The window's own scheme, asked as Chromium would ask it.
    const serve = protocolHandlers.get('app')
    if (serve) {
      const ask = async (path) => {
        const res = await serve({ url: `app://pinload${path}`, method: 'GET', headers: new Headers() })
        const body = res.body ? Buffer.from(await res.arrayBuffer()).toString('utf8') : ''
        return {
          status: res.status,
          contentType: res.headers.get('content-type'),
          csp: res.headers.get('content-security-policy'),
          body: body.slice(0, 4000),
        }
      }
      report.scheme.index = await ask('/index.html')
      report.scheme.passwd = await ask('/../../etc/passwd')
      report.scheme.encoded = await ask('/%2e%2e/%2e%2e/etc/passwd')
      report.scheme.preload = await ask('/../preload/index.cjs')
      // A queued video by item id (issue 16): none is queued here, so not found.
      report.scheme.media = await ask('/media/1')
      const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(report.scheme.index.body)
      report.scheme.script = script ? await ask(`/${script[1]}`) : null
      if (report.scheme.script) report.scheme.script.body = ''
    }
  } catch (e) {
    report.errors.push(String((e && e.stack) || e))
  }
  report.handlers = [...handlers.keys()]
  writeReport()
  const quitEvent = {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
  appEvents.emit('before-quit', quitEvent)
  appEvents.emit('will-quit', quitEvent)
  setTimeout(() => process.exit(0), 500)
}

const noop = () => {}
const electron = {
  app: {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on: (e, fn) => {
      appEvents.on(e, fn)
      return electron.app
    },
    once: (e, fn) => {
      appEvents.once(e, fn)
      return electron.app
    },
    quit: () => {
      appEvents.emit('will-quit', { preventDefault: noop })
    },
    exit: (code) => {
      report.exitCode = code
      writeReport()
      process.exit(code)
    },
    relaunch: (opts) => {
      report.relaunched = true
      report.relaunchArgs = (opts && opts.args) || null
    },
    setPath: (name, path) => {
      if (name === 'userData') report.userData = path
    },
    getPath: (name) =>
      name === 'userData' ? (report.userData ?? process.env.PINLOAD_DATA_DIR) : os.tmpdir(),
    getAppPath: () => process.cwd(),
    setAppUserModelId: noop,
    getVersion: () => '0.0.0-smoke',
    name: 'Pinload',
    dock: undefined,
  },
  BrowserWindow,
  ipcMain: {
    handle: (channel, fn) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      handlers.set(channel, fn)
    },
    removeHandler: (channel) => handlers.delete(channel),
    on: noop,
  },
  session: {
    defaultSession: {
      resolveProxy: () => Promise.resolve('DIRECT'),
      setPermissionRequestHandler: () => {
        report.guards.permissionHandler = true
      },
      setPermissionCheckHandler: noop,
      webRequest: {
        onHeadersReceived: () => {
          report.guards.cspHeader = true
        },
      },
    },
  },
  shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => report.schemes.push(...schemes),
    handle: (scheme, fn) => protocolHandlers.set(scheme, fn),
  },
  dialog: {
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showErrorBox: noop,
    showMessageBox: (opts) => {
      report.dialogs.push({ message: opts.message, detail: opts.detail, buttons: opts.buttons })
      return Promise.resolve({ response: Number(process.env.PINLOAD_SMOKE_DIALOG_RESPONSE ?? 0) })
    },
  },
  Notification: class {
    static isSupported() {
      return false
    }
    show() {}
  },
  Menu: {
    setApplicationMenu: () => {
      report.menuSet = true
    },
    buildFromTemplate: () => ({}),
  },
  // An EventEmitter like Electron's ('updated' when the system theme changes).
  nativeTheme: Object.assign(new EventEmitter(), { themeSource: 'system', shouldUseDarkColors: false }),
  nativeImage: { createFromPath: () => ({ isEmpty: () => true }) },
  powerSaveBlocker: { start: () => 1, stop: noop, isStarted: () => false },
}

const originalLoad = Module._load
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron
  return originalLoad.call(this, request, parent, isMain)
}
