import './cover-picker.css'
import { useEffect, useRef, useState } from 'react'
import type { ItemView } from '../../../../shared/domain'
import { EDITABLE_STATES } from '../../../../shared/item-states'
import { Button } from '../../components/button'
import { errorText, invoke } from '../../ipc/client'
import { actions } from '../../store/store'
import { editItems } from '../review/review-actions'
import { isLocalVideo } from './use-poster'
import { mediaUrl } from './video-frame'

/**
 * "Choose a picture…": a file from main's image dialog (a grant, never a path) becomes the cover, through
 * `items:edit` like `pinload edit --cover-image`; main checks it is an image and converts it when sent.
 */
function pickCoverPicture(itemId: number): Promise<void> {
  return invoke('dialog:pick-image', {})
    .then(async (picked) => {
      if (picked === null) return
      await editItems([itemId], { coverImage: picked.grant }, `Cover set to ${picked.name}`)
    })
    .catch((e: unknown) => {
      actions().pushToast('error', `Could not open the file picker: ${errorText(e)}`)
    })
}

/**
 * The cover picker of a video Pin not yet published (issue 16): the video's own frames on a scrubber of whole
 * seconds (what `cover_image_key_frame_time` takes, docs/pinterest-api.md §3.1), saved as the item's
 * `coverKeyFrameS` through `items:edit`, the same use case as `pinload edit --cover-time`; or a picture file
 * as the cover (`pinload edit --cover-image`), which a frame chosen afterwards replaces.
 */
export function CoverPicker({ item }: { item: ItemView }) {
  const video = useRef<HTMLVideoElement>(null)
  const [seconds, setSeconds] = useState(item.coverKeyFrameS ?? 0)
  const [duration, setDuration] = useState<number | null>(null)
  const [failed, setFailed] = useState(false)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (video.current && duration !== null) video.current.currentTime = Math.min(seconds, duration)
  }, [seconds, duration])
  if (!isLocalVideo(item) || !EDITABLE_STATES.includes(item.state)) return null
  const last = Math.max(0, Math.floor(duration ?? 0))
  const save = () => {
    setBusy(true)
    void editItems([item.id], { coverKeyFrameS: seconds }, `Cover set to ${seconds} s`).finally(() =>
      setBusy(false),
    )
  }
  const picture = () => {
    setBusy(true)
    void pickCoverPicture(item.id).finally(() => setBusy(false))
  }
  const withPicture = item.coverImageName !== undefined
  return (
    <section className="cover-picker" data-testid="cover-picker" aria-label="Cover frame">
      <h3 className="cover-picker-title">Cover</h3>
      {withPicture ? (
        <p className="hint" data-testid="cover-picture">
          The picture {item.coverImageName} is the cover. Choose a frame below to use the video instead.
        </p>
      ) : null}
      {failed ? (
        <p className="hint">
          This video cannot be played here; the cover stays at {item.coverKeyFrameS ?? 0} s.
        </p>
      ) : (
        <video
          ref={video}
          className="cover-picker-frame"
          src={mediaUrl(item.id)}
          muted
          preload="auto"
          onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
          onError={() => setFailed(true)}
        />
      )}
      <div className="cover-picker-controls">
        <input
          type="range"
          min={0}
          max={last}
          step={1}
          value={Math.min(seconds, last)}
          disabled={duration === null}
          aria-label="Cover frame time in seconds"
          aria-valuetext={`${seconds} seconds`}
          onChange={(e) => setSeconds(Number(e.target.value))}
        />
        <output data-testid="cover-time">{seconds} s</output>
        <Button
          variant="primary"
          disabled={busy || duration === null || (seconds === item.coverKeyFrameS && !withPicture)}
          onClick={save}
        >
          Use this frame
        </Button>
        <Button disabled={busy} onClick={picture}>
          Choose a picture…
        </Button>
      </div>
    </section>
  )
}
