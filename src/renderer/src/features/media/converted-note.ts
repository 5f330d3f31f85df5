/**
 * What the window says about an image sent after conversion (ItemView.convertedFrom, issue 16): "Converted from
 * HEIC", and for a GIF that only its first frame goes, since Pinterest shows image Pins still.
 */
export function convertedNote(from: string): string {
  return from === 'GIF'
    ? 'Converted from GIF (first frame: Pinterest shows it still)'
    : `Converted from ${from} to JPEG or PNG`
}
