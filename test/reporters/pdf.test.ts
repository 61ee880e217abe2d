// PDF via headless Chromium: A4 pages with the report id on each; a clear one-line error when Chromium is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportId, withDigest } from '../../src/report/digest.js';
import { CHROMIUM_MISSING, findChromium } from '../../src/reporters/chromium.js';
import { pdf } from '../../src/reporters/pdf.js';
import { isUnavailable } from '../../src/reporters/types.js';
import { writeReports } from '../../src/reporters/write.js';
import { loadFixture } from './helpers/fixtures.js';

const chromium = findChromium();
const pdftotext = ['/usr/bin/pdftotext'].find((p) => existsSync(p));

it('without Chromium the pdf reporter returns the one-line install hint and other formats are still written', async () => {
  const out = await pdf(loadFixture('validate-clean'), { color: false, chromiumPath: '/nonexistent/chromium' });
  expect(isUnavailable(out) && out.message).toBe(CHROMIUM_MISSING);
  const dir = await mkdtemp(path.join(tmpdir(), 'ukcore-check-pdf-missing-'));
  const outcomes = await writeReports(loadFixture('validate-clean'), [
    { name: 'pdf', path: path.join(dir, 'r.pdf') },
    { name: 'json', path: path.join(dir, 'sub', 'r.json') },
  ], { color: false, chromiumPath: '/nonexistent/chromium' });
  expect(outcomes.map((o) => o.error ?? 'ok')).toEqual([CHROMIUM_MISSING, 'ok']);
  expect(existsSync(path.join(dir, 'sub', 'r.json'))).toBe(true);
  await rm(dir, { recursive: true, force: true });
});

it.skipIf(chromium)('SKIPPED: Chromium is not installed (apt-get install chromium), so no PDF was rendered', () => {});

describe.skipIf(!chromium)('PDF rendering', () => {
  it('prints the probe report to a multi-page A4 PDF', async () => {
    const report = withDigest(loadFixture('probe-run'));
    const out = await pdf(report, { color: false });
    expect(Buffer.isBuffer(out)).toBe(true);
    const bytes = out as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 is 595 x 842 points (Chromium writes the MediaBox with fractions).
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/);
    const pages = bytes.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(1);
    const dir = await mkdtemp(path.join(tmpdir(), 'ukcore-check-pdf-'));
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, bytes);
    if (pdftotext) {
      // poppler-utils is optional: with it, check the running header puts the report id on every page.
      const text = execFileSync(pdftotext, ['-layout', file, '-'], { encoding: 'utf8' });
      const pageTexts = text.split('\f').filter((t) => t.trim().length > 0);
      expect(pageTexts.length).toBe(pages);
      for (const t of pageTexts) expect(t).toContain(reportId(report));
      expect(text).toContain(`End of report ${reportId(report)}`);
      expect(text).not.toMatch(/file:\/\//);
    }
    await rm(dir, { recursive: true, force: true });
  });
});
