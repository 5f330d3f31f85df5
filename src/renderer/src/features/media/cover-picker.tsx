import './cover-picker.css'
import { useEffect, useRef, useState } from 'react'
import type { ItemView } from '../../../../shared/domain'
import { EDITABLE_STATES } from '../../../../shared/item-states'
import { Button } from '../../components/button'
import { editItems } from '../review/review-actions'
import { isLocalVideo } from './use-poster'
import { mediaUrl } from './video-frame'

/**
 * The cover-frame picker of a video Pin not yet published (issue 16): the video's own frames on a scrubber of
 * whole seconds (what `cover_image_key_frame_time` takes, docs/pinterest-api.md §3.1), saved as the item's
 * `coverKeyFrameS` through `items:edit`, the same use case as `pinload edit --cover-time`.
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
  return (
    <section className="cover-picker" data-testid="cover-picker" aria-label="Cover frame">
      <h3 className="cover-picker-title">Cover frame</h3>
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
          disabled={busy || duration === null || seconds === item.coverKeyFrameS}
          onClick={save}
        >
          Use this frame
        </Button>
      </div>
    </section>
  )
}
