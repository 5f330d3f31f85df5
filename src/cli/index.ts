import { runCli } from './program'

/** Entry of the headless command (`bin/pinload.cjs` loads the built copy of this file). */
void runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    // Only clean-up can fail here (runCli maps every command error): a setup problem, not failed items.
    process.stderr.write(`pinload: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 2
  },
)
