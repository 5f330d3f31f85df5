import type { BatchDefaults, InputProblem } from '../../shared/domain'
import { pinFieldProblems, type PinFieldProblem, type PinText } from '../media/pin-field-rules'
import type { SidecarMeta } from './sidecar'
import { checkTemplates, renderTemplates, type TemplateField, type TemplateVars } from './templates'
import { checkUtmCampaign, withUtm } from './utm-link'

/** A batch's text rules, checked once: a template per field and the UTM campaign. */
export interface BatchText {
  templates: Partial<Record<TemplateField, string>>
  utmCampaign?: string
}

/**
 * The batch defaults as templates (an empty or blank title template is "no title"), or the one problem that stops
 * the whole batch before any file is looked at: an unknown placeholder, an unmatched brace, an empty campaign.
 */
export function batchText(
  d: BatchDefaults,
): { ok: true; value: BatchText } | { ok: false; problem: InputProblem } {
  const templates: Partial<Record<TemplateField, string>> = {}
  if (d.titleTemplate?.trim()) templates.title = d.titleTemplate
  if (d.description) templates.description = d.description
  if (d.link) templates.link = d.link
  if (d.altText) templates.altText = d.altText
  const why = checkTemplates(templates)
  if (why) return { ok: false, problem: { where: 'templates', message: why } }
  if (d.utmCampaign !== undefined) {
    const bad = checkUtmCampaign(d.utmCampaign)
    if (bad) return { ok: false, problem: { where: 'UTM campaign', message: bad } }
  }
  return {
    ok: true,
    value: { templates, ...(d.utmCampaign !== undefined && { utmCampaign: d.utmCampaign }) },
  }
}

/**
 * One Pin's text: the templates filled, a sidecar's own values over them, the UTM parameters added to the link,
 * then Pinterest's limits checked on the result (so a template that expands past a limit is caught here, per
 * file, before anything is queued). `fileName` is the UTM content (the file, or the carousel's folder).
 */
export function pinText(
  bt: BatchText,
  vars: TemplateVars,
  sidecar: SidecarMeta,
  fileName: string,
): { ok: true; text: PinText } | { ok: false; problems: PinFieldProblem[] } {
  const filled = renderTemplates(bt.templates, vars)
  const text: PinText = {
    title: sidecar.title ?? filled.title,
    description: sidecar.description ?? filled.description,
    link: sidecar.link ?? filled.link,
    altText: sidecar.altText ?? filled.altText,
  }
  if (bt.utmCampaign !== undefined) {
    if (!text.link)
      return {
        ok: false,
        problems: [
          {
            field: 'link',
            message: 'there is no link to add the UTM campaign to',
            fix: 'Give the batch a link (or this file one in its sidecar), or leave out the UTM campaign.',
          },
        ],
      }
    text.link = withUtm(text.link, bt.utmCampaign, fileName)
  }
  const problems = pinFieldProblems(text)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, text }
}
