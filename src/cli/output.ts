// Writes a finished report in each requested `--format name[:path]`; stdout for formats without a path.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../model/report.js';
import { isUnavailable, type ReporterContext } from '../reporters/types.js';
import { reporters } from '../reporters/index.js';
import { UsageError } from './errors.js';

export interface FormatSpec {
  name: string;
  path?: string;
}

/** Parses repeatable `--format name[:path]` values; unknown names are a usage error. */
export function parseFormats(values: string[] | undefined, fallback: string): FormatSpec[] {
  const list = values && values.length ? values : [fallback];
  return list.map((v) => {
    const colon = v.indexOf(':');
    const name = colon === -1 ? v : v.slice(0, colon);
    const file = colon === -1 ? undefined : v.slice(colon + 1);
    if (!Object.prototype.hasOwnProperty.call(reporters, name)) {
      throw new UsageError(`unknown format '${name}'`, `choose from: ${Object.keys(reporters).join(', ')}`);
    }
    if (file === '') throw new UsageError(`--format ${name}: is missing the output path after ':'`);
    return file ? { name, path: file } : { name };
  });
}

export interface WriteOutcome {
  /** One-line problems (a format that could not be produced); other formats are still written. */
  problems: string[];
}

export async function writeOutputs(report: Report, formats: FormatSpec[], ctx: ReporterContext,
  out: (text: string) => void): Promise<WriteOutcome> {
  const problems: string[] = [];
  for (const f of formats) {
    const reporter = reporters[f.name as keyof typeof reporters];
    const rendered = await reporter(report, { ...ctx, color: f.path ? false : ctx.color });
    if (isUnavailable(rendered)) {
      problems.push(rendered.message);
      continue;
    }
    if (f.path) {
      try {
        mkdirSync(path.dirname(path.resolve(f.path)), { recursive: true });
        writeFileSync(f.path, rendered);
      } catch (e) {
        problems.push(`could not write ${f.path}: ${(e as Error).message}`);
      }
    } else {
      const text = typeof rendered === 'string' ? rendered : rendered.toString('utf8');
      out(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    }
  }
  return { problems };
}
