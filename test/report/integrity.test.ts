// Digest, Ed25519 signature and file verification, including one-byte tampering of JSON and HTML reports.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { renderHtml } from '../../src/reporters/html/html.js';
import { renderJson } from '../../src/reporters/json.js';
import { reportDigest, reportId, withDigest } from '../../src/report/digest.js';
import { signReport } from '../../src/report/sign.js';
import { verifyReport } from '../../src/report/verify.js';
import { verifyReportFile } from '../../src/report/verify-file.js';
import { loadFixture } from '../reporters/helpers/fixtures.js';

const keys = generateKeyPairSync('ed25519');
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const otherPublicPem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

function signed(report: Report = loadFixture('validate-run')): Report {
  const r = signReport(report, privatePem);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ukcore-check-integrity-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('digest and signature', () => {
  it('digest ignores the integrity block and changes with any content change', () => {
    const r = loadFixture('validate-run');
    const d = reportDigest(r);
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(reportDigest(withDigest(r))).toBe(d);
    expect(reportDigest(signed(r))).toBe(d);
    r.results[0].issues[0].location.line = 22;
    expect(reportDigest(r)).not.toBe(d);
  });

  it('report id is derived from the digest', () => {
    const r = withDigest(loadFixture('validate-run'));
    expect(reportId(r)).toBe(`UKC-${r.integrity!.digest.slice(0, 16).toUpperCase()}`);
  });

  it('a signed report verifies with the embedded key and with the right --key, not with another key', () => {
    const r = signed();
    expect(r.integrity?.signature?.keyFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    const embedded = verifyReport(r);
    expect(embedded.ok).toBe(true);
    expect(embedded.notes.length).toBeGreaterThan(0);
    expect(verifyReport(r, { key: publicPem })).toMatchObject({ ok: true, reasons: [] });
    expect(verifyReport(r, { key: privatePem }).ok).toBe(true);
    const wrong = verifyReport(r, { key: otherPublicPem });
    expect(wrong.ok).toBe(false);
  });

  it('rejects non-Ed25519 signing keys with an error value', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(signReport(loadFixture('validate-clean'), rsa)).toMatchObject({ ok: false });
    expect(signReport(loadFixture('validate-clean'), 'not a key')).toMatchObject({ ok: false });
  });

  it('detects a changed value, a swapped signature and a missing digest', () => {
    const r = signed();
    expect(verifyReport({ ...r, finishedAt: '2025-01-15T10:00:02.000Z' }).ok).toBe(false);
    const other = signed(loadFixture('validate-clean'));
    expect(verifyReport({ ...r, integrity: { ...r.integrity!, signature: other.integrity!.signature } }).ok).toBe(false);
    const { integrity: _i, ...bare } = r;
    expect(verifyReport(bare as Report).ok).toBe(false);
  });

  it('an unsigned report with a digest verifies (with a note), but not when a key is demanded', () => {
    const r = withDigest(loadFixture('validate-clean'));
    expect(verifyReport(r)).toMatchObject({ ok: true, signed: false });
    expect(verifyReport(r, { key: publicPem }).ok).toBe(false);
  });
});

describe('verifyReportFile', () => {
  it.each([
    ['json', renderJson],
    ['html', (r: Report) => renderHtml(r)],
  ] as const)('untouched signed %s report passes', async (ext, render) => {
    const file = path.join(dir, `ok.${ext}`);
    await writeFile(file, render(signed(loadFixture('probe-run'))));
    const result = await verifyReportFile(file, { key: publicPem });
    expect(result.reasons).toEqual([]);
    expect(result).toMatchObject({ ok: true, signed: true, format: ext });
  });

  it.each([
    ['json', renderJson],
    ['html', (r: Report) => renderHtml(r)],
  ] as const)('flipping any one byte of a signed %s report makes it fail', async (ext, render) => {
    const bytes = Buffer.from(render(signed(loadFixture('validate-run'))), 'utf8');
    // Positions spread over the whole file: header, body, embedded JSON, trailing newline.
    const positions = new Set([0, 1, bytes.length - 1, bytes.length - 2]);
    for (let p = 7; p < bytes.length; p += Math.ceil(bytes.length / 60)) positions.add(p);
    for (const p of positions) {
      const tampered = Buffer.from(bytes);
      tampered[p] ^= 0x01;
      const file = path.join(dir, `tampered-${p}.${ext}`);
      await writeFile(file, tampered);
      const result = await verifyReportFile(file);
      expect(result.ok, `byte ${p} flipped`).toBe(false);
    }
  });

  it('detects an edit to the visible HTML when the embedded data is left alone', async () => {
    const html = renderHtml(signed());
    const file = path.join(dir, 'visible-edit.html');
    await writeFile(file, html.replace('<strong>FAIL</strong>', '<strong>PASS</strong>'));
    const result = await verifyReportFile(file);
    expect(result.ok).toBe(false);
    expect((await verifyReportFile(file)).reasons.some((r) => r.includes('HTML'))).toBe(true);
  });

  it('detects a re-signed report when the issuer key is given', async () => {
    const mallory = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const edited = { ...loadFixture('validate-run'), finishedAt: '2025-01-15T10:00:09.000Z' };
    const forged = signReport(edited, mallory);
    if (!forged.ok) throw new Error(forged.error);
    const file = path.join(dir, 'forged.json');
    await writeFile(file, renderJson(forged.report));
    expect((await verifyReportFile(file)).ok).toBe(true);
    expect((await verifyReportFile(file, { key: publicPem })).ok).toBe(false);
  });

  it('reports unreadable, non-report and PDF files as failures, not exceptions', async () => {
    expect((await verifyReportFile(path.join(dir, 'missing.json'))).ok).toBe(false);
    const notReport = path.join(dir, 'other.json');
    await writeFile(notReport, '{"hello":1}');
    expect((await verifyReportFile(notReport)).ok).toBe(false);
    const pdf = path.join(dir, 'x.pdf');
    await writeFile(pdf, '%PDF-1.7\n');
    expect((await verifyReportFile(pdf)).ok).toBe(false);
  });

  it('the HTML embeds the exact report JSON', async () => {
    const r = signed();
    const file = path.join(dir, 'embed.html');
    await writeFile(file, renderHtml(r));
    const text = await readFile(file, 'utf8');
    expect(text).toContain('<script type="application/json" id="ukcore-check-report">');
    expect(text).not.toContain('<script>alert(1)');
  });
});
