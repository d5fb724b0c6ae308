/**
 * Escaping of model text for Markdown. Model strings (node names, doc strings, metadata) are
 * untrusted: a name with `|` must not split a table cell, backticks must not open code, `<script>`
 * must reach a Markdown renderer as text, and a newline must not end a table row.
 */

// C0/C1 control characters, DEL, and bidi overrides (which can disguise text) are dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes text for inline Markdown (table cells included): HTML-significant characters become
 * entities, Markdown punctuation is backslash-escaped, line breaks become spaces.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/\r\n?|\n|\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/[&<>]/g, (c) => ENTITIES[c])
    .replace(/[\\`*_{}[\]|#~]/g, (c) => `\\${c}`);
}
