/**
 * Waits until `check` holds, looking again every `intervalMs`: for state the code under test exposes
 * (a row, a count, a file) but announces through no event the test can await. `check` returns a boolean,
 * or asserts (a throw means "not yet"); after `timeoutMs` it throws naming `what` and the last failure,
 * so a hang says what never happened.
 */
export async function waitFor(
  what: string,
  check: () => boolean | void | Promise<boolean | void>,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 20_000
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let failure: unknown
    try {
      if ((await check()) !== false) return
    } catch (e) {
      failure = e
    }
    if (Date.now() > deadline) {
      const why = failure instanceof Error ? `: ${failure.message}` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`, { cause: failure })
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 50))
  }
}
