/**
 * Text from outside (file names, Pinterest's messages) made safe for a terminal: C0/C1 control characters
 * (escape sequences could recolour, move the cursor or retitle the terminal) and bidirectional overrides (which
 * make a name read as something else) are shown as visible `\u{…}` escapes instead of acting. JSON output needs
 * none of this: JSON escapes control characters itself.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
}
