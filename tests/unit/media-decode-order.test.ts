import { describe, expect, it } from 'vitest'
import { DecodeOrder } from '../../src/main/media/decode-order'

/** A clock the test moves, and an order whose started keys are recorded. */
function setup() {
  let now = 0
  const order = new DecodeOrder<string>(50, () => now)
  const started: string[] = []
  const wait = (key: string) => order.wait(key, () => started.push(key))
  return { order, started, wait, at: (t: number) => (now = t) }
}

describe('the order waiting thumbnail decodes start in', () => {
  it('takes the newest burst first and each burst top down', () => {
    const { order, started, wait, at } = setup()
    for (const k of ['a1', 'a2', 'a3']) order.ask(k)
    at(1_000)
    for (const k of ['b1', 'b2']) order.ask(k)
    for (const k of ['a1', 'a2', 'a3', 'b1', 'b2']) wait(k)
    while (order.next());
    expect(started).toEqual(['b1', 'b2', 'a1', 'a2', 'a3'])
  })

  it('keeps asks within the gap of each other in one burst', () => {
    const { order, started, wait, at } = setup()
    for (let i = 0; i < 4; i++) {
      at(i * 40) // each ask 40 ms after the last: one burst of 120 ms
      order.ask(`k${i}`)
    }
    for (let i = 3; i >= 0; i--) wait(`k${i}`)
    while (order.next());
    expect(started).toEqual(['k0', 'k1', 'k2', 'k3'])
  })

  it('ends a burst 150 ms after its first ask, however steadily asks keep coming', () => {
    const { order, started, wait, at } = setup()
    for (let i = 0; i < 8; i++) {
      at(i * 40) // a steady trickle: 0, 40, … 280 ms
      order.ask(`k${i}`)
    }
    for (let i = 7; i >= 0; i--) wait(`k${i}`)
    while (order.next());
    // k0–k3 (0–120 ms) are one burst; k4 (160 ms) starts the next, which is newer, so it goes first.
    expect(started).toEqual(['k4', 'k5', 'k6', 'k7', 'k0', 'k1', 'k2', 'k3'])
  })

  it('starts every wait for a key, when the same file waits twice', () => {
    const { order, wait } = setup()
    const started: string[] = []
    order.wait('a', () => started.push('a, first'))
    order.wait('a', () => started.push('a, changed since'))
    wait('b')
    expect(order.waitingCount).toBe(3)
    while (order.next());
    expect(started.sort()).toEqual(['a, changed since', 'a, first'])
  })

  it('moves a key asked again into the newest burst', () => {
    const { order, started, wait, at } = setup()
    for (const k of ['a1', 'a2', 'a3']) order.ask(k)
    at(500)
    order.ask('b1')
    at(1_000)
    order.ask('a2') // scrolled back to: on screen again
    for (const k of ['a1', 'a2', 'a3', 'b1']) wait(k)
    while (order.next());
    expect(started).toEqual(['a2', 'b1', 'a1', 'a3'])
  })

  it('a key that never asked waits as a new ask; next() is false when none waits', () => {
    const { order, started, wait } = setup()
    expect(order.next()).toBe(false)
    wait('x')
    expect(order.waitingCount).toBe(1)
    expect(order.next()).toBe(true)
    expect(started).toEqual(['x'])
    expect(order.next()).toBe(false)
  })

  it('forgets an answered key but not one that still waits', () => {
    const { order, started, wait, at } = setup()
    order.ask('a')
    at(1_000)
    order.ask('b')
    wait('a')
    wait('b')
    order.done('a') // another ask for the same file answered: this one still waits, in its place
    while (order.next());
    expect(started).toEqual(['b', 'a'])
  })
})
