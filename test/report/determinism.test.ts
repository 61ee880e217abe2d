// Identical inputs give identical report bodies apart from timestamps and durations (the volatile fields).
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { reportDigest, withDigest } from '../../src/report/digest.js';
import { normalizeVolatile } from '../../src/report/volatile.js';
import { REPORTER_NAMES, reporterInfo, reporters } from '../../src/reporters/index.js';
import { CWD, FIXTURES, loadFixture } from '../reporters/helpers/fixtures.js';

/** The same run made later: every timestamp and duration differs, nothing else. */
function rerun(r: Report): Report {
  const shift = (iso: string) => new Date(Date.parse(iso) + 3_600_000 + 123).toISOString();
  return {
    ...r,
    startedAt: shift(r.startedAt),
    finishedAt: shift(r.finishedAt),
    results: r.results.map((c) => ({ ...c, durationMs: c.durationMs * 2 + 1 })),
    exchanges: r.exchanges.map((x) => ({ ...x, startedAt: shift(x.startedAt), durationMs: x.durationMs + 7 })),
  };
}

/** Every leaf path where two JSON values differ. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b ? [] : [at];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => differences((a as any)[k], (b as any)[k], `${at}/${k}`));
}

describe.each(FIXTURES)('fixture %s', (name) => {
  it('a re-run differs only in the documented volatile fields', () => {
    const a = loadFixture(name);
    const diff = differences(a, rerun(a)).map((p) => p.replace(/\/\d+\//g, '/*/'));
    expect(new Set(diff)).toEqual(new Set(diff.filter((p) => /^\/(startedAt|finishedAt|results\/\*\/durationMs|exchanges\/\*\/(startedAt|durationMs))$/.test(p))));
    expect(reportDigest(a)).not.toBe(reportDigest(rerun(a)));
  });

  it.each(REPORTER_NAMES.filter((n) => !reporterInfo[n].binary))('%s: identical output once volatile fields are normalised', async (format) => {
    const a = await reporters[format](withDigest(normalizeVolatile(loadFixture(name))), { color: false, cwd: CWD });
    const b = await reporters[format](withDigest(normalizeVolatile(rerun(loadFixture(name)))), { color: false, cwd: CWD });
    expect(a).toEqual(b);
  });

  it('rendering twice gives the same bytes (no clock, no randomness)', async () => {
    const r = withDigest(loadFixture(name));
    for (const format of REPORTER_NAMES.filter((n) => !reporterInfo[n].binary)) {
      expect(await reporters[format](r, { color: false, cwd: CWD })).toEqual(await reporters[format](r, { color: false, cwd: CWD }));
    }
  });
});
