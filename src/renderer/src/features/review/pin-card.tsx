import { memo } from 'react'
import { CalendarClock, Film, GalleryHorizontalEnd, Image, TriangleAlert } from 'lucide-react'
import type { ItemView } from '../../../../shared/domain'
import { StatusPill } from '../../components/status-pill'
import { plural } from '../../lib/format'
import { isLocalVideo } from '../media/use-poster'
import { useItemPicture } from '../queue/use-thumbnail'

/** The link's site as Pinterest shows it on a Pin ("example.com"), or the text itself when it is no URL. */
function siteOf(link: string): string {
  try {
    return new URL(link).hostname.replace(/^www\./, '')
  } catch {
    return link
  }
}

const KIND_WORDS = { video: 'Video', carousel: 'Carousel', image: 'Image', image_url: 'Image' } as const

/** The picture: an image's thumbnail, a video's poster frame, else an icon for its kind. */
function Picture({ item }: { item: ItemView }) {
  // A draft video has no kind yet (pre-flight sets it): its poster is asked by its name, as in the queue row.
  const src = useItemPicture(item)
  if (src) return <img className="pin-image" src={src} alt={item.altText ?? ''} />
  const Icon = isLocalVideo(item) ? Film : item.kind === 'carousel' ? GalleryHorizontalEnd : Image
  return (
    <div className="pin-image pin-image-empty">
      <Icon size={32} aria-hidden="true" />
      <span className="visually-hidden">{KIND_WORDS[item.kind ?? 'image']}</span>
    </div>
  )
}

/**
 * One Pin as Pinterest would show it in a grid: the picture with the link's site on it, the title, then the
 * start of the description. A checkbox selects it for bulk edits; the preview opens it in the editor.
 * Memoized on plain props: a progress flush for other items leaves the cards of a long batch alone.
 */
export const PinCard = memo(function PinCard({
  item,
  selected,
  editing,
  sameTitle,
  sameLink,
  onSelect,
  onOpen,
}: {
  item: ItemView
  selected: boolean
  editing: boolean
  /** How many other Pins of the batch share its title, and its link. */
  sameTitle: number
  sameLink: number
  onSelect: (id: number, on: boolean) => void
  onOpen: (id: number) => void
}) {
  const when = item.publishAt !== undefined ? new Date(item.publishAt).toLocaleString() : undefined
  return (
    <li
      className={`pin-card${selected ? ' pin-card-selected' : ''}${editing ? ' pin-card-editing' : ''}`}
      data-testid="pin-card"
      data-state={item.state}
    >
      <div className="pin-card-top">
        <label className="check">
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(item.id, e.target.checked)} />
          <span className="visually-hidden">Select </span>
          <span className="pin-file">{item.name}</span>
        </label>
        <StatusPill state={item.state} />
      </div>
      <button
        type="button"
        className="pin-open"
        aria-pressed={editing}
        aria-label={`Edit ${item.name}`}
        onClick={() => onOpen(item.id)}
      >
        <span className="pin-frame">
          <Picture item={item} />
          {item.link !== undefined && item.link !== '' ? (
            <span className="pin-site">{siteOf(item.link)}</span>
          ) : null}
        </span>
        <span className="pin-title">{item.title ?? ''}</span>
        {item.description !== undefined && item.description !== '' ? (
          <span className="pin-description">{item.description}</span>
        ) : null}
      </button>
      {when !== undefined ? (
        <p className="pin-when">
          <CalendarClock size={14} aria-hidden="true" /> {when}
        </p>
      ) : null}
      {sameTitle > 0 || sameLink > 0 ? (
        <ul className="pin-warnings" aria-label={`Warnings for ${item.name}`}>
          {sameTitle > 0 ? (
            <li>
              <TriangleAlert size={14} aria-hidden="true" /> Same title as{' '}
              {plural(sameTitle, 'other Pin', 'other Pins')}
            </li>
          ) : null}
          {sameLink > 0 ? (
            <li>
              <TriangleAlert size={14} aria-hidden="true" /> Same link as{' '}
              {plural(sameLink, 'other Pin', 'other Pins')}
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  )
})
