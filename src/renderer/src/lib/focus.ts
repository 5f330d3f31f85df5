/**
 * Where keyboard focus goes when what held it leaves the page (issue 18: the window is usable from the keyboard
 * alone). A removed element takes the focus with it to <body>, and the next Tab then starts from the top of the
 * page; these give it to the nearest place that still makes sense.
 */

/** True when nothing holds the focus (it fell to <body>). */
export function focusLost(): boolean {
  const a = document.activeElement
  return a === null || a === document.body
}

/** The screen's heading, made focusable from code: the next Tab then starts from the screen the user is on. */
export function screenHeading(): HTMLElement | null {
  const heading = document.querySelector<HTMLElement>('main h1')
  if (heading) heading.tabIndex = -1
  return heading
}

export function focusScreenHeading(): void {
  screenHeading()?.focus()
}

/** The queue list's active line (its one tab stop), if the list is on screen. */
export function queueActiveLine(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.queue-canvas [role="listitem"][tabindex="0"]')
}

/**
 * A button of a queue line that goes once its item moves on (Retry, Cancel, a group's Retry failed): the focus
 * stays on its line, or, if the line left the filtered list, goes to the list's active line.
 */
export function keepFocusInLine(control: Element): void {
  const line = control.closest<HTMLElement>('[role="listitem"]')
  refocusWhenGone(control, () => (line?.isConnected ? line : queueActiveLine()))
}

/**
 * When `el` leaves the page (a Retry button gone once its item moved on) and the focus fell with it, `next()`
 * gets it. Watches for `ms` at most: an element still there by then stays where it is.
 */
export function refocusWhenGone(el: Element, next: () => HTMLElement | null | undefined, ms = 10_000): void {
  const stop = () => {
    observer.disconnect()
    clearTimeout(timer)
  }
  const observer = new MutationObserver(() => {
    if (el.isConnected) return
    stop()
    if (focusLost()) next()?.focus()
  })
  const timer = setTimeout(stop, ms)
  observer.observe(document.body, { childList: true, subtree: true })
}
