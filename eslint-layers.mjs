/**
 * The layer map of docs/architecture.md as data: each folder and the folders it may import besides itself
 * and src/shared/. eslint.config.mjs turns it into import-x/no-restricted-paths zones, and
 * tests/integration/lint-layers.int.test.ts writes a probe into each folder to show its zone bites.
 */
const main = (name) => `src/main/${name}`
const DOMAIN = [
  'platform',
  'logging',
  'secrets',
  'db',
  'media',
  'pinterest',
  'auth',
  'sources',
  'pipeline',
].map(main)

/** @type {{ folder: string, mayImport: string[], except?: string[] }[]} */
export const LAYERS = [
  { folder: 'src/shared', mayImport: [] },
  { folder: main('platform'), mayImport: [] },
  { folder: main('logging'), mayImport: [main('platform')] },
  { folder: main('secrets'), mayImport: [main('platform'), main('logging')] },
  { folder: main('db'), mayImport: [main('platform'), main('logging')] },
  { folder: main('media'), mayImport: [main('platform'), main('logging')] },
  { folder: main('pinterest'), mayImport: [main('platform'), main('logging'), main('media')] },
  {
    folder: main('auth'),
    mayImport: [main('platform'), main('logging'), main('secrets'), main('pinterest')],
  },
  {
    folder: main('sources'),
    mayImport: [main('platform'), main('logging'), main('media'), main('pinterest'), main('db')],
    // Sources hand their work to the queue through this one interface (calls flow sources → queue).
    except: ['src/main/pipeline/queue-sink.ts'],
  },
  {
    folder: main('pipeline'),
    mayImport: [main('platform'), main('logging'), main('db'), main('media'), main('pinterest')],
  },
  { folder: main('services'), mayImport: DOMAIN, except: ['src/main/app/desktop-ports.ts'] },
  {
    folder: main('ipc'),
    // security: the link check a request must pass before it reaches the desktop.
    mayImport: [...DOMAIN, main('services'), main('security')],
    except: ['src/main/app/desktop-ports.ts'],
  },
  {
    folder: main('app'),
    mayImport: [...DOMAIN, main('services'), main('ipc'), main('security'), main('fake-pinterest')],
  },
  { folder: main('security'), mayImport: [] },
  // A stand-in of Pinterest on 127.0.0.1 (the demo, and every test): it knows nothing of the app.
  { folder: main('fake-pinterest'), mayImport: [] },
  { folder: main('shell'), mayImport: [main('app'), main('ipc'), main('security')] },
  { folder: 'src/cli', mayImport: [...DOMAIN, main('services'), main('app'), main('fake-pinterest')] },
  { folder: 'src/preload', mayImport: [] },
  { folder: 'src/renderer', mayImport: [] },
]

const EVERY_FOLDER = LAYERS.map((l) => l.folder)

/** import-x/no-restricted-paths zones: for each layer, every other folder it may not import from. */
export function layerZones() {
  return LAYERS.flatMap(({ folder, mayImport, except = [] }) =>
    EVERY_FOLDER.filter((f) => f !== folder && f !== 'src/shared' && !mayImport.includes(f)).map((from) => {
      const allowed = except
        .filter((e) => e.startsWith(`${from}/`))
        .map((e) => `./${e.slice(from.length + 1)}`)
      return {
        target: `./${folder}`,
        from: `./${from}`,
        ...(allowed.length > 0 && { except: allowed }),
        message: `${folder} may not import ${from}: see the layer map in docs/architecture.md.`,
      }
    }),
  ).concat(
    // src/main/index.ts is the bootstrap: nothing imports it.
    [{ target: './src', from: './src/main/index.ts', message: 'Nothing imports the bootstrap.' }],
  )
}
