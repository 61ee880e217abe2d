// The reporter registry, --format parsing, writing outputs and the GitHub job summary.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubStepSummary, STEP_SUMMARY_LIMIT, writeGithubStepSummary } from '../../src/reporters/github-summary.js';
import { defaultExtension, isReporterName, parseFormatSpec, REPORTER_NAMES, reporters, writeReports } from '../../src/reporters/index.js';
import { loadFixture } from './helpers/fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ukcore-check-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('registry', () => {
  it('has every format the CLI offers, each with an extension', () => {
    expect(REPORTER_NAMES.sort()).toEqual(['csv', 'github', 'html', 'json', 'junit', 'markdown', 'operationoutcome', 'pdf', 'sarif', 'stylish', 'testreport']);
    for (const n of REPORTER_NAMES) {
      expect(typeof reporters[n]).toBe('function');
      expect(defaultExtension(n)).toMatch(/^[a-z]+$/);
    }
    expect(isReporterName('toString')).toBe(false);
    expect(isReporterName('nope')).toBe(false);
  });

  it.each([
    ['json', { name: 'json' }],
    ['html:out/r.html', { name: 'html', path: 'out/r.html' }],
    ['junit:C:\\out\\j.xml', { name: 'junit', path: 'C:\\out\\j.xml' }],
    ['sarif:', { name: 'sarif' }],
  ])('parseFormatSpec(%j)', (spec, expected) => {
    expect(parseFormatSpec(spec)).toEqual(expected);
  });
});

describe('writeReports', () => {
  it('writes files (creating folders), returns stdout text for specs without a path, and reports problems per format', async () => {
    const out = await writeReports(loadFixture('validate-run'), [
      { name: 'json', path: path.join(dir, 'a', 'b', 'r.json') },
      { name: 'stylish' },
      { name: 'pdf' },
      { name: 'bogus' },
    ], { color: false, cwd: '/repo' });
    expect(out[0]).toEqual({ format: 'json', path: path.join(dir, 'a', 'b', 'r.json') });
    expect(JSON.parse(readFileSync(path.join(dir, 'a', 'b', 'r.json'), 'utf8')).kind).toBe('validate');
    expect(out[1].stdout).toContain('Verdict: FAIL');
    expect(out[2].error).toContain('binary');
    expect(out[3].error).toContain('unknown format');
  });
});

describe('GitHub job summary', () => {
  it('is written only when GITHUB_STEP_SUMMARY is set, and appended', async () => {
    const file = path.join(dir, 'summary.md');
    expect(await writeGithubStepSummary(loadFixture('validate-run'), {})).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(await writeGithubStepSummary(loadFixture('validate-run'), { GITHUB_STEP_SUMMARY: file })).toBe(file);
    await writeGithubStepSummary(loadFixture('probe-run'), { GITHUB_STEP_SUMMARY: file });
    const text = readFileSync(file, 'utf8');
    expect(text.match(/^## ukcore-check conformance report/gm)).toHaveLength(2);
  });

  it('stays under 1 MiB for a huge run', () => {
    const r = loadFixture('validate-run');
    const big = 'x'.repeat(2000);
    r.results[0].issues = Array.from({ length: 2000 }, (_, i) => ({ ...r.results[0].issues[0], message: `${big} ${i}` }));
    const text = githubStepSummary(r);
    expect(Buffer.byteLength(text)).toBeLessThan(STEP_SUMMARY_LIMIT);
    expect(text).toMatch(/more issue\(s\) not listed/);
  });
});
