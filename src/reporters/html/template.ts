// A tagged template for HTML that escapes every interpolation unless it is explicitly marked as trusted markup.
import { escapeHtml } from '../util/escape.js';

/** Markup produced by `html` or `raw`; everything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Trusted markup (only for strings this module built, never for report content). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** `html\`<p>${text}</p>\`` escapes `text`; arrays are joined; null, undefined and false render nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

function render(v: unknown): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}
