// The HTML report in a real browser: renders, no console errors, no network requests; screenshot for review.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { withDigest } from '../../src/report/digest.js';
import { signReport } from '../../src/report/sign.js';
import { findChromium } from '../../src/reporters/chromium.js';
import { renderHtml } from '../../src/reporters/html/html.js';
import { projectRoot } from '../../src/util/shared-data.js';
import { loadPage } from './helpers/cdp.js';
import { gatedFixture, loadFixture, type FixtureName } from './helpers/fixtures.js';

const chromium = findChromium();
const SCREENSHOT_DIR = path.join(projectRoot, 'bench', 'out');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ukcore-check-html-'));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function pageFile(name: string, html: string): Promise<string> {
  const file = path.join(dir, `${name}.html`);
  await writeFile(file, html);
  return pathToFileURL(file).href;
}

// Chromium is a system package (Debian `chromium`), not an npm dependency: without it these tests cannot run.
it.skipIf(chromium)('SKIPPED: Chromium is not installed (apt-get install chromium), so the browser checks did not run', () => {});

describe.skipIf(!chromium)('HTML report in headless Chromium', () => {
  const signed = (name: FixtureName) => {
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const r = signReport(loadFixture(name), key);
    if (!r.ok) throw new Error(r.error);
    return r.report;
  };

  it.each(['probe-run', 'validate-run', 'gated-run'] as const)('%s: renders with no console errors and only the page itself requested', async (name) => {
    const report = name === 'gated-run' ? gatedFixture() : signed(name);
    const url = await pageFile(name, renderHtml(report));
    const run = await loadPage(chromium!, url, [
      'document.querySelector(".verdict strong").textContent',
      'document.querySelectorAll("svg").length',
      'document.body.innerText.includes("End of report UKC-")',
      'document.querySelectorAll("script:not([type=\\"application/json\\"])").length',
      'JSON.parse(document.getElementById("ukcore-check-report").textContent).schemaVersion',
      'document.body.innerText.includes("<script>alert(1)</script>") || !document.body.innerHTML.includes("<script>alert")',
    ]);
    await writeFile(path.join(SCREENSHOT_DIR, `report-${name}.png`), run.screenshot);
    expect(run.problems).toEqual([]);
    expect(run.requests).toEqual([url]);
    expect(run.values[0]).toBe(report.summary.verdict.toUpperCase());
    expect(run.values[1]).toBeGreaterThanOrEqual(2);
    expect(run.values[2]).toBe(true);
    expect(run.values[3]).toBe(0);
    expect(run.values[4]).toBe(1);
    expect(run.values[5]).toBe(true);
    expect(run.screenshot.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('control: an external image injected into the report is blocked by the CSP and detected', async () => {
    const html = renderHtml(withDigest(loadFixture('validate-clean'))).replace('</header>', '</header><img src="http://192.0.2.1/pixel.png" alt="">');
    const url = await pageFile('injected', html);
    const run = await loadPage(chromium!, url);
    expect(run.problems.length + run.requests.length - 1).toBeGreaterThan(0);
    expect(run.problems.join('\n')).toMatch(/Content Security Policy|csp/i);
  });
});
