import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// Issue 18, point 1: the window's styles use the design tokens of src/renderer/src/styles/tokens.css and
// nothing else — no colour, font size, font weight, spacing step, radius or duration literal in any other
// stylesheet or inline style object. The tokens themselves are checked for the scale and for contrast.

const ROOT = join(import.meta.dirname, '..', '..')
const RENDERER = join(ROOT, 'src', 'renderer')
const TOKENS = join(RENDERER, 'src', 'styles', 'tokens.css')

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

const stripComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '')

interface Decl {
  prop: string
  value: string
}

function declarations(css: string): Decl[] {
  const out: Decl[] = []
  for (const m of stripComments(css).matchAll(/([-\w]+)\s*:\s*([^;{}]+)(?=[;}])/g)) {
    out.push({ prop: m[1]!.toLowerCase(), value: m[2]!.trim() })
  }
  return out
}

const COLOUR_FUNCTION = /\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|light-dark|color-mix)\(/i
const HEX = /#[0-9a-f]{3,8}\b/i
const COLOUR_PROPS =
  /^(color|background(-color)?|border(-(top|right|bottom|left|block|inline)(-(start|end))?)?(-color)?|outline(-color)?|box-shadow|text-decoration(-color)?|fill|stroke|accent-color|caret-color|column-rule(-color)?|text-shadow)$/
const SPACING_PROPS =
  /^(margin|padding)(-(top|right|bottom|left|block|inline)(-(start|end))?)?$|^(gap|row-gap|column-gap|inset(-(block|inline))?(-(start|end))?|top|right|bottom|left)$/
/** Words a colour property may hold besides tokens: keywords, border styles, widths. */
const COLOUR_WORDS = new Set([
  'transparent',
  'currentcolor',
  'inherit',
  'initial',
  'unset',
  'none',
  'solid',
  'dashed',
  'dotted',
  'double',
  'inset',
  'underline',
  'thin',
  'medium',
  'thick',
])

/** What a value is left with once tokens, calc over tokens and plain lengths are taken out. */
function leftover(value: string, token: RegExp): string[] {
  return value
    .replace(/var\(--[-\w]+\)/g, (v) => (token.test(v) ? ' ' : ` ${v} `))
    .replace(/calc\(([^()]|\([^()]*\))*\)/g, (c) => (/var\(/.test(c) || c === 'calc()' ? ' ' : ` ${c} `))
    .split(/[\s,/]+/)
    .filter((w) => w !== '')
}

/** The problems of one declaration, in words. */
function problemsOf({ prop, value }: Decl): string[] {
  const problems: string[] = []
  if (HEX.test(value) || COLOUR_FUNCTION.test(value)) problems.push(`colour literal in ${prop}: ${value}`)
  if (COLOUR_PROPS.test(prop)) {
    const rest = leftover(value, /^var\(--(color|shadow|space|radius)-/).filter(
      (w) => !COLOUR_WORDS.has(w.toLowerCase()) && !/^-?\d+(\.\d+)?(px|%)?$/.test(w),
    )
    if (rest.length > 0) problems.push(`colour outside the tokens in ${prop}: ${value}`)
  }
  if (prop === 'font-size' && leftover(value, /^var\(--font-size-/).some((w) => w !== 'inherit'))
    problems.push(`font size outside the tokens: ${value}`)
  if (prop === 'font-weight' && leftover(value, /^var\(--font-weight-/).some((w) => w !== 'inherit'))
    problems.push(`font weight outside the tokens: ${value}`)
  if (prop === 'font-family' && leftover(value, /^var\(--font-/).some((w) => w !== 'inherit'))
    problems.push(`font family outside the tokens: ${value}`)
  if (prop === 'font' && value !== 'inherit') problems.push(`font shorthand: ${value}`)
  if (SPACING_PROPS.test(prop)) {
    const rest = leftover(value, /^var\(--space-/).filter((w) => !/^(0|auto|inherit|100%|50%)$/.test(w))
    if (rest.length > 0) problems.push(`spacing outside the tokens in ${prop}: ${value}`)
  }
  if (prop === 'border-radius' && leftover(value, /^var\(--radius-/).some((w) => !/^(0|50%)$/.test(w)))
    problems.push(`radius outside the tokens: ${value}`)
  if (/^(transition|animation)(-duration)?$/.test(prop) && /\b\d+(\.\d+)?m?s\b/.test(value))
    problems.push(`duration outside the tokens in ${prop}: ${value}`)
  return problems
}

/** The `style={{ … }}` objects of a TSX file, as `key: value` pairs. */
function inlineStyles(source: string): Decl[] {
  const out: Decl[] = []
  // Lazy up to the first `}}`: a template's `${…}` inside the object closes with a single brace.
  for (const m of source.matchAll(/style=\{\{([\s\S]*?)\}\}/g)) {
    for (const kv of m[1]!.matchAll(/([A-Za-z]+)\s*:\s*([^,]+)/g)) {
      // camelCase → kebab-case so the CSS rules above apply.
      out.push({ prop: kv[1]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value: kv[2]!.trim() })
    }
  }
  return out
}

/** Inline style keys the renderer may set from data: geometry only, never a look. */
const INLINE_GEOMETRY = new Set(['transform', 'height', 'width', 'inline-size', 'flex-grow'])

describe('renderer styles use the design tokens only', () => {
  it('no stylesheet but tokens.css names a colour, font size, weight, spacing step, radius or duration', () => {
    const sheets = filesUnder(RENDERER, /\.css$/).filter((f) => f !== TOKENS)
    expect(sheets.length).toBeGreaterThan(0)
    const problems = sheets.flatMap((f) =>
      declarations(readFileSync(f, 'utf8'))
        .flatMap(problemsOf)
        .map((p) => `${relative(ROOT, f)}: ${p}`),
    )
    expect(problems).toEqual([])
  })

  it('inline style objects set geometry only, and no source file holds a colour literal', () => {
    const sources = filesUnder(join(RENDERER, 'src'), /\.tsx?$/)
    const problems: string[] = []
    for (const f of sources) {
      const text = readFileSync(f, 'utf8')
      for (const d of inlineStyles(text)) {
        if (!INLINE_GEOMETRY.has(d.prop)) problems.push(`${relative(ROOT, f)}: inline style ${d.prop}`)
      }
      for (const m of text.matchAll(/['"`](#[0-9a-f]{3,8}|(rgba?|hsla?)\([^'"`]*\))['"`]/gi))
        problems.push(`${relative(ROOT, f)}: colour literal ${m[1]}`)
    }
    expect(problems).toEqual([])
  })

  it('the checks bite: literals of each kind are reported', () => {
    const css = `.a { color: #fff; background: white; font-size: 15px; font-weight: 500; padding: 6px 8px;
      margin: var(--space-2) 3px; gap: var(--space-2); border: 1px solid var(--color-border);
      border-radius: 7px; transition: opacity 150ms; box-shadow: 0 1px 2px rgb(0 0 0 / 10%) }`
    const found = declarations(css).flatMap(problemsOf)
    expect(found.join('\n')).toMatch(/colour literal in color/)
    expect(found.join('\n')).toMatch(/colour outside the tokens in background: white/)
    expect(found.join('\n')).toMatch(/font size outside/)
    expect(found.join('\n')).toMatch(/font weight outside/)
    expect(found.join('\n')).toMatch(/spacing outside the tokens in padding/)
    expect(found.join('\n')).toMatch(/spacing outside the tokens in margin/)
    expect(found.join('\n')).toMatch(/radius outside/)
    expect(found.join('\n')).toMatch(/duration outside/)
    expect(found.join('\n')).toMatch(/colour literal in box-shadow/)
    expect(found.some((p) => p.includes('gap') || p.includes('border:'))).toBe(false)
    expect(inlineStyles('<div style={{ color: "red", height: 40 }} />').map((d) => d.prop)).toEqual([
      'color',
      'height',
    ])
  })
})

/** `--name: value` of tokens.css's :root block (the first one: the light/dark definitions). */
function rootTokens(): Map<string, string> {
  const css = stripComments(readFileSync(TOKENS, 'utf8'))
  const block = /:root\s*\{([\s\S]*?)\n\}/.exec(css)![1]!
  const map = new Map<string, string>()
  for (const m of block.matchAll(/(--[-\w]+)\s*:\s*([^;]+);/g)) map.set(m[1]!, m[2]!.trim())
  return map
}

function hexOf(token: string, theme: 0 | 1, tokens: Map<string, string>): string {
  const m = /^light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)$/i.exec(tokens.get(token) ?? '')
  if (!m) throw new Error(`${token} is not light-dark(#rrggbb, #rrggbb)`)
  return m[theme + 1]!
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('the tokens', () => {
  const tokens = rootTokens()
  const values = (prefix: string) =>
    [...tokens].filter(([k]) => k.startsWith(prefix)).map(([, v]) => Number.parseFloat(v))

  it('hold the scale of the issue: five sizes, two weights, 4–32 px spacing, 120/200 ms motion', () => {
    expect(values('--font-size-')).toEqual([12, 13, 14, 16, 20])
    expect(values('--font-weight-')).toEqual([400, 600])
    for (const s of values('--space-')) {
      expect(s % 4).toBe(0)
      expect(s).toBeGreaterThanOrEqual(4)
      expect(s).toBeLessThanOrEqual(32)
    }
    expect(values('--motion-')).toEqual([120, 200])
    const css = readFileSync(TOKENS, 'utf8')
    expect(css).toMatch(
      /prefers-reduced-motion: reduce\)\s*\{\s*:root\s*\{\s*--motion-fast: 0ms;\s*--motion-slow: 0ms/,
    )
    expect(css).toMatch(/@media \(forced-colors: active\)/)
    expect(css).toMatch(/:root\[data-theme='dark'\]\s*\{\s*color-scheme: dark/)
    expect(css).toMatch(/accent-color: var\(--color-accent\)/)
  })

  const pairs: [string, string[], number][] = [
    ['--color-text', ['--color-bg', '--color-sidebar', '--color-surface', '--color-subtle'], 4.5],
    ['--color-text-muted', ['--color-bg', '--color-sidebar', '--color-surface', '--color-subtle'], 4.5],
    ['--color-border-strong', ['--color-surface', '--color-bg', '--color-subtle'], 3],
    ['--color-accent-text', ['--color-accent', '--color-accent-hover'], 4.5],
    ['--color-accent', ['--color-surface', '--color-bg', '--color-sidebar'], 4.5],
    ['--color-focus', ['--color-surface', '--color-bg', '--color-sidebar'], 3],
    // A selected row (accent-soft) keeps its muted second line, its links and its focus ring readable.
    ['--color-text', ['--color-accent-soft'], 4.5],
    ['--color-text-muted', ['--color-accent-soft'], 4.5],
    ['--color-accent', ['--color-accent-soft', '--color-subtle'], 4.5],
    ['--color-focus', ['--color-accent-soft', '--color-subtle'], 3],
    ...(['success', 'warning', 'danger', 'info'] as const).flatMap((s): [string, string[], number][] => [
      // Status words sit in their banners, on cards, on the page and on a hovered row.
      [`--color-${s}`, [`--color-${s}-soft`, '--color-surface', '--color-bg', '--color-subtle'], 4.5],
      // A banner's own text is the body text on the status tint.
      ['--color-text', [`--color-${s}-soft`], 4.5],
    ]),
  ]

  for (const [theme, name] of [
    [0, 'light'],
    [1, 'dark'],
  ] as const) {
    it(`meet their contrast in the ${name} theme (text 4.5:1, control borders and focus 3:1)`, () => {
      const low: string[] = []
      for (const [fg, bgs, min] of pairs) {
        for (const bg of bgs) {
          const c = contrast(hexOf(fg, theme, tokens), hexOf(bg, theme, tokens))
          if (c < min) low.push(`${fg} on ${bg}: ${c.toFixed(2)} < ${min}`)
        }
      }
      expect(low).toEqual([])
    })
  }
})
