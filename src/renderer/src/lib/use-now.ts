import { useEffect, useState } from 'react'

/** The time now, refreshed every `everyMs` while the component is shown (for "2 min ago", countdowns). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(t)
  }, [everyMs])
  return now
}
