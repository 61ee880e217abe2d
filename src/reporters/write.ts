// Renders several formats and writes those with a path, creating folders as needed (ESLint's printResults).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../model/report.js';
import type { FormatSpec } from './format-spec.js';
import { isReporterName, reporterInfo, reporters } from './registry.js';
import { isUnavailable, type ReporterContext, type ReporterOutput } from './types.js';

export interface WriteOutcome {
  format: string;
  /** File written, if the spec had a path. */
  path?: string;
  /** Rendered text for specs without a path (the CLI prints it to stdout). */
  stdout?: string;
  /** One-line problem (unknown format, renderer unavailable, write failed, binary format without a path). */
  error?: string;
}

/** Renders one format; an unknown name is returned as `unavailable` so callers need only one error path. */
export async function renderFormat(name: string, report: Report, ctx: ReporterContext): Promise<ReporterOutput> {
  if (!isReporterName(name)) return { unavailable: true, message: `unknown format "${name}"` };
  return reporters[name](report, ctx);
}

/**
 * Renders every spec; a failure in one format never stops the others (a missing Chromium still lets HTML and
 * JSON be written). Validate names up front with `isReporterName` to turn unknown names into usage errors.
 */
export async function writeReports(report: Report, specs: FormatSpec[], ctx: ReporterContext): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const spec of specs) {
    const info = isReporterName(spec.name) ? reporterInfo[spec.name] : undefined;
    if (info?.binary && !spec.path) {
      outcomes.push({ format: spec.name, error: `${spec.name} is binary: give a file, e.g. --format ${spec.name}:report.${info.defaultExtension}` });
      continue;
    }
    // Colour codes only ever go to a terminal, never into files.
    const out = await renderFormat(spec.name, report, spec.path ? { ...ctx, color: false } : ctx);
    if (isUnavailable(out)) {
      outcomes.push({ format: spec.name, error: out.message });
      continue;
    }
    if (!spec.path) {
      outcomes.push({ format: spec.name, stdout: out.toString() });
      continue;
    }
    try {
      await mkdir(path.dirname(path.resolve(spec.path)), { recursive: true });
      await writeFile(spec.path, out);
      outcomes.push({ format: spec.name, path: spec.path });
    } catch (err) {
      outcomes.push({ format: spec.name, path: spec.path, error: `cannot write ${spec.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    }
  }
  return outcomes;
}
