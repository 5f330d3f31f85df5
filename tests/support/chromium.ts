import { existsSync } from 'node:fs'

/**
 * How the e2e specs and the window benchmark start Chromium: Debian's build where it is installed (.ci/run),
 * else the one `npx playwright install` fetched; headless, and without the background connections a machine
 * with no internet refuses.
 */
export const CHROMIUM_LAUNCH = {
  ...(existsSync('/usr/bin/chromium') && { executablePath: '/usr/bin/chromium' }),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
}
