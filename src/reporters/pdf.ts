// `pdf`: the HTML report printed to A4 PDF by headless Chromium, for contract annexes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Report } from '../model/report.js';
import { CHROMIUM_MISSING, findChromium, quietChromiumFlags, runChromium } from './chromium.js';
import { renderHtml } from './html/html.js';
import type { ReporterContext, ReporterOutput } from './types.js';

/**
 * Renders the HTML with every expander open, then `chromium --print-to-pdf`. Page size, margins and the running
 * report id come from the report's @page CSS; Chromium's own date/URL header and footer are turned off. Not pure
 * (it runs a process and uses a temp dir, removed afterwards). Without Chromium it returns an `unavailable`
 * value whose message the CLI prints as one line, and the other formats are still written.
 */
export async function pdf(report: Report, ctx: ReporterContext): Promise<ReporterOutput> {
  const bin = findChromium(ctx.chromiumPath);
  if (!bin) return { unavailable: true, message: CHROMIUM_MISSING };
  const dir = await mkdtemp(path.join(tmpdir(), 'ukcore-check-pdf-'));
  try {
    const htmlFile = path.join(dir, 'report.html');
    const out = path.join(dir, 'report.pdf');
    await writeFile(htmlFile, renderHtml(report, { expandAll: true }), 'utf8');
    const run = await runChromium(bin, [
      ...quietChromiumFlags(path.join(dir, 'profile')),
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      pathToFileURL(htmlFile).href,
    ]);
    const bytes = await readFile(out).catch(() => undefined);
    if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const why = run.stderr.split('\n').find((l) => /error/i.test(l)) ?? run.error ?? `exit code ${run.code}`;
      return { unavailable: true, message: `PDF rendering failed in Chromium (${bin}): ${why.trim()}` };
    }
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
