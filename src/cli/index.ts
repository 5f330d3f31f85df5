import { createInterface } from 'node:readline/promises'
import { runCli } from './program'

/** A question on the terminal, only when both ends are one: a pipe or a script gets no prompt to hang on. */
const ask =
  process.stdin.isTTY && process.stderr.isTTY
    ? async (question: string): Promise<boolean> => {
        const rl = createInterface({ input: process.stdin, output: process.stderr })
        try {
          return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
        } finally {
          rl.close()
        }
      }
    : undefined

/** A typed answer on the terminal (what `pinload unpublish` asks for), under the same terminal rule. */
const readLine =
  process.stdin.isTTY && process.stderr.isTTY
    ? async (question: string): Promise<string> => {
        const rl = createInterface({ input: process.stdin, output: process.stderr })
        try {
          return (await rl.question(`${question} `)).trim()
        } finally {
          rl.close()
        }
      }
    : undefined

/** Entry of the headless command (`bin/pinload.cjs` loads the built copy of this file). */
void runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  ...(ask && { ask }),
  ...(readLine && { readLine }),
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
