import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { SpecCheck } from '../../src/main/fake-pinterest/types'

// ajv-formats is CommonJS with a `default` property; depending on the loader the import is either.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
  >
  components: {
    schemas: Record<
      string,
      { discriminator?: { propertyName: string; mapping?: Record<string, string> }; oneOf?: unknown }
    >
  }
}

const SPEC_ID = 'pinterest-openapi-v5.json'

/**
 * Request-body schemas of the official OpenAPI description compiled with ajv (OpenAPI 3.0: `nullable`
 * is ajv-native; unknown keywords like `example` are ignored with strict off). Lengths count UTF-16 code
 * units (`unicode: false`), as the API does (shared/limits.ts).
 */
export class SpecValidator implements SpecCheck {
  private readonly ajv: Ajv
  private readonly cache = new Map<string, ValidateFunction>()

  constructor(private readonly doc: OpenApiDoc) {
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      unicode: false,
      logger: false,
      validateSchema: false,
    })
    addFormats(this.ajv)
    this.ajv.addSchema({ $id: SPEC_ID, components: typedNullables(doc.components) })
  }

  static load(path: string): SpecValidator {
    return new SpecValidator(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDoc)
  }

  private compiled(ref: string): ValidateFunction {
    let fn = this.cache.get(ref)
    if (!fn) {
      fn = this.ajv.getSchema(`${SPEC_ID}${ref}`)
      if (!fn) throw new Error(`OpenAPI schema ${ref} not found`)
      this.cache.set(ref, fn)
    }
    return fn
  }

  /** `$ref` of an operation's request body for a content type, e.g. ('post', '/pins') → '#/components/schemas/PinCreate'. */
  bodyRef(method: string, pathTemplate: string, contentType = 'application/json'): string | null {
    return (
      this.doc.paths[pathTemplate]?.[method.toLowerCase()]?.requestBody?.content?.[contentType]?.schema
        ?.$ref ?? null
    )
  }

  /**
   * Errors of `value` against a component schema ([] = valid). A discriminator with a mapping but no
   * oneOf (OauthAccessTokenRequest) is followed by hand: ajv only applies discriminators over oneOf.
   */
  validateRef(ref: string, value: unknown): string[] {
    const errors = this.run(ref, value)
    const name = ref.split('/').pop()!
    const disc = this.doc.components.schemas[name]?.discriminator
    if (errors.length === 0 && disc?.mapping && !this.doc.components.schemas[name]?.oneOf) {
      const tag = (value as Record<string, unknown>)[disc.propertyName]
      const target = typeof tag === 'string' ? disc.mapping[tag] : undefined
      if (target) errors.push(...this.run(target, value))
    }
    return errors
  }

  /** Errors of a request body for an operation; null when the spec has no schema for it. */
  validateBody(
    method: string,
    pathTemplate: string,
    value: unknown,
    contentType = 'application/json',
  ): string[] | null {
    const ref = this.bodyRef(method, pathTemplate, contentType)
    return ref ? this.validateRef(ref, value) : null
  }

  private run(ref: string, value: unknown): string[] {
    const fn = this.compiled(ref)
    if (fn(value)) return []
    return (fn.errors ?? []).map((e: ErrorObject) =>
      `${e.instancePath || '(body)'} ${e.message ?? e.keyword}`.trim(),
    )
  }
}

/**
 * OpenAPI 3.0 lets `nullable` stand beside `allOf`/`$ref` without a `type` (the Pin's `creative_type`), which
 * ajv refuses to compile: such a node becomes "the schema, or null", which is what `nullable` means there.
 */
function typedNullables<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n: unknown) => typedNullables(n)) as T
  if (!node || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = typedNullables(v)
  if (out.nullable === true && !('type' in out)) {
    const { nullable: _nullable, ...rest } = out
    return { anyOf: [rest, { type: 'null' }] } as T
  }
  return out as T
}
