import { writeFile } from 'node:fs/promises'

/**
 * A CSV to start from (issue 18, point 9: "Download template"): Pinload's own column names (csv-columns.ts),
 * one row per Pin, with two example rows that show a local file and a web address, a section and a publish
 * time. `tests/integration/csv-template.int.test.ts` previews it through the real import: every column known.
 */
export const CSV_TEMPLATE = [
  'file,title,description,link,alt_text,board,section,publish_at',
  'photos/pasta.jpg,Fresh pasta,Made by hand this morning.,https://example.com/pasta,A bowl of tagliatelle,Recipes,Dinners,',
  'https://example.com/salad.png,Green salad,Crunchy and quick.,https://example.com/salad,A green salad,Recipes,,2030-06-01T18:00',
  '',
].join('\r\n')

/** Writes the template to `file` (a path main's own save dialog returned, or the command's argument). */
export async function writeCsvTemplate(file: string): Promise<void> {
  await writeFile(file, CSV_TEMPLATE, 'utf8')
}
