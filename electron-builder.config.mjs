/**
 * Packaging (`npm run dist`): installers for Linux (AppImage, deb), macOS (dmg) and Windows (nsis installer,
 * portable zip). The app archive holds the built `out/` code and production dependencies only; the two native
 * modules are unpacked from it (a .node file cannot load from inside an asar). electron-builder rebuilds
 * better-sqlite3 for Electron's ABI for each target while packing (`npmRebuild`), so the package never ships
 * the Node build the tests use (docs/architecture.md, "Two native ABIs").
 */

/**
 * Electron fuses flipped in the packed binary: no running as plain Node, no NODE_OPTIONS or --inspect, cookies
 * encrypted, the app loaded only from its (integrity-checked) asar. Checked by tests/unit/packaging-config.test.ts
 * and, on a stand-in binary, by tests/integration/packaging.int.test.ts.
 * @type {import('electron-builder').Configuration['electronFuses']}
 */
export const fuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
}

/** Native modules and the files they load at run time: they must sit outside the asar. */
export const unpacked = [
  'node_modules/better-sqlite3/**',
  'node_modules/@napi-rs/keyring*/**',
  // sharp's binding loads libvips from its sibling package by a relative path: both must sit outside the asar.
  'node_modules/sharp/**',
  'node_modules/@img/**',
  '**/*.node',
]

/** @type {import('electron-builder').Configuration} */
export const config = {
  appId: 'app.pinload.desktop',
  productName: 'Pinload',
  copyright: 'Copyright © Pinload contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  files: [
    'out/**/*',
    'package.json',
    '!**/*.map',
    // better-sqlite3's sources and build leftovers: only its compiled .node runs.
    '!node_modules/better-sqlite3/{deps,src,docs,benchmark}/**',
    '!node_modules/better-sqlite3/build/{deps,Release/obj,Release/.deps,Release/obj.target}/**',
    '!node_modules/better-sqlite3/build/Release/test_extension.node',
  ],
  asar: true,
  asarUnpack: unpacked,
  npmRebuild: true,
  electronFuses: fuses,
  fileAssociations: [],
  linux: {
    executableName: 'pinload',
    target: ['AppImage', 'deb'],
    category: 'Graphics',
    icon: 'resources/icons',
    maintainer: 'Pinload contributors',
    synopsis: 'Publish folders of images and videos to Pinterest',
  },
  deb: { packageCategory: 'graphics' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    icon: 'resources/icon.png',
    hardenedRuntime: true,
  },
  win: { target: ['nsis', 'zip'], icon: 'resources/icon.ico' },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true, perMachine: false },
  publish: { provider: 'github', releaseType: 'draft' },
}

export default config
