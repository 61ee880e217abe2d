// Parses `--format name[:path]` values.

export interface FormatSpec {
  name: string;
  /** Output file; undefined means stdout. */
  path?: string;
}

/**
 * `html:reports/x.html` → {name: 'html', path: 'reports/x.html'}; `json` → {name: 'json'}. Only the first colon
 * splits, so Windows paths (`html:C:\\out.html`) survive. Whether the name exists is checked by the caller
 * against the registry (an unknown name is a usage error, exit 2).
 */
export function parseFormatSpec(spec: string): FormatSpec {
  const i = spec.indexOf(':');
  if (i < 0) return { name: spec.trim() };
  const name = spec.slice(0, i).trim();
  const file = spec.slice(i + 1).trim();
  return file ? { name, path: file } : { name };
}
