#!/usr/bin/env node
// The headless command, built with the app (`npm run build`, or `npm start`) into out/main/cli.js.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('pinload: the command is not built yet. Run `npm run build` in the Pinload folder first.')
  process.exit(2)
}
require(cli)
