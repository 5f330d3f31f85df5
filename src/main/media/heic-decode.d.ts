/** Types of `heic-decode` 2.1 (libheif in WebAssembly), which ships none: only what src/main/media/heic-image.ts uses. */
declare module 'heic-decode' {
  interface DecodedHeic {
    width: number
    height: number
    /** RGBA, 8 bits per channel. */
    data: Uint8ClampedArray
  }
  interface HeicFrame {
    width: number
    height: number
    decode(): Promise<DecodedHeic>
  }
  function decode(input: { buffer: Uint8Array }): Promise<DecodedHeic>
  namespace decode {
    function all(input: { buffer: Uint8Array }): Promise<HeicFrame[] & { dispose(): void }>
  }
  export = decode
}
