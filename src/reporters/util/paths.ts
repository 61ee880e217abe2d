// File locations for CI formats: which file an issue is in, relative to the working directory.
import path from 'node:path';

/**
 * The file behind a location source or check target: drops a `#entry[n]` fragment and an NDJSON `:line` suffix.
 * Returns undefined for HTTP targets (`GET https://...`, `https://...`), which have no file.
 */
export function sourceFile(source: string): string | undefined {
  if (/^(?:[A-Z]+ )?[a-z][a-z0-9+.-]*:\/\//i.test(source)) return undefined;
  let file = source.replace(/#.*$/, '');
  const ndjson = /^(.*\.ndjson):\d+$/i.exec(file);
  if (ndjson) file = ndjson[1];
  return file.length > 0 ? file : undefined;
}

/** POSIX-style path relative to `cwd` (absolute inputs outside cwd stay absolute). */
export function relativePath(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  const out = rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  return out.split(path.sep).join('/');
}
