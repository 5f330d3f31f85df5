import type { ItemView } from '../../../../shared/domain'
import { Banner } from '../../components/banner'
import { Button } from '../../components/button'
import { formatCount, plural } from '../../lib/format'
import type { Repeat } from './repeats'

/** How many repeats the banner lists before "and n more" (the cards carry their own warning too). */
const SHOWN = 5

/** The files sharing a value, the first few by name: a link on 300 Pins must not fill the screen. */
function namesOf(ids: readonly number[], items: Readonly<Record<number, ItemView>>): string {
  const names = ids.slice(0, SHOWN).map((id) => items[id]?.name ?? `#${id}`)
  return ids.length > SHOWN
    ? `${names.join(', ')} and ${formatCount(ids.length - SHOWN)} more`
    : names.join(', ')
}

/**
 * Titles and links more than one Pin of the batch shares, each with a way to select those Pins and set them
 * apart with the bulk edit. A warning to read before publishing, not an interruption: a status, not an alert.
 */
export function RepeatWarnings({
  repeats,
  items,
  onSelect,
}: {
  repeats: readonly Repeat[]
  items: Readonly<Record<number, ItemView>>
  onSelect: (ids: readonly number[]) => void
}) {
  if (repeats.length === 0) return null
  return (
    <Banner tone="warning" live="status" testId="repeat-warnings">
      <p className="repeat-lead">Pins that look alike: Pinterest may treat them as copies.</p>
      <ul className="repeat-list">
        {repeats.slice(0, SHOWN).map((r) => (
          <li key={`${r.field}:${r.ids[0]}`}>
            {plural(r.ids.length, 'Pin has', 'Pins have')} the {r.field} “{r.value}” ({namesOf(r.ids, items)}){' '}
            <Button variant="quiet" onClick={() => onSelect(r.ids)}>
              Select them
              <span className="visually-hidden">
                {' '}
                ({r.field} “{r.value}”)
              </span>
            </Button>
          </li>
        ))}
      </ul>
      {repeats.length > SHOWN ? <p>and {formatCount(repeats.length - SHOWN)} more.</p> : null}
    </Banner>
  )
}
