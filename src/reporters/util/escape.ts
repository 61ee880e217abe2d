// Escaping for every output syntax we write: HTML, XML 1.0, Markdown table cells, CSV (RFC 4180).

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values; drops characters XML 1.0 forbids. */
export function escapeHtml(value: unknown): string {
  return stripInvalidXml(String(value ?? '')).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Removes characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0 controls other than tab, LF and CR,
 * lone surrogates, U+FFFE and U+FFFF.
 */
export function stripInvalidXml(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Escapes for XML text and attributes, after stripping invalid characters; newlines in attributes kept as &#10;. */
export function escapeXml(value: unknown): string {
  return stripInvalidXml(String(value ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** XML element text: like escapeXml but line breaks stay literal (readable in CI logs). */
export function escapeXmlText(value: unknown): string {
  return stripInvalidXml(String(value ?? '')).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A GitHub-flavoured Markdown table cell: HTML-escaped (no injected markup), pipes and newlines neutralised. */
export function markdownCell(value: unknown): string {
  return escapeHtml(value).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').replace(/`/g, '&#96;');
}

/** Markdown inline text outside tables. */
export function markdownText(value: unknown): string {
  return escapeHtml(value).replace(/\r?\n/g, ' ').replace(/([\\`*_[\]|])/g, '\\$1');
}

/**
 * One CSV field per RFC 4180 §2, after neutralising spreadsheet formulas: a cell starting with = + - @ (or tab/CR,
 * which some spreadsheets strip first) gets a leading apostrophe (OWASP "CSV Injection").
 */
export function csvField(value: unknown): string {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
