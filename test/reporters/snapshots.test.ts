// Snapshot of every format over every fixed sample run (pdf is checked in pdf.test.ts: its bytes carry a date).
import { describe, expect, it } from 'vitest';
import { withDigest } from '../../src/report/digest.js';
import { REPORTER_NAMES, reporterInfo, reporters } from '../../src/reporters/index.js';
import { CWD, FIXTURES, gatedFixture, loadFixture } from './helpers/fixtures.js';

const TEXT_FORMATS = REPORTER_NAMES.filter((n) => !reporterInfo[n].binary);

describe.each(FIXTURES)('fixture %s', (fixture) => {
  it.each(TEXT_FORMATS)('%s', async (format) => {
    const out = await reporters[format](withDigest(loadFixture(fixture)), { color: false, cwd: CWD });
    expect(typeof out).toBe('string');
    await expect(out).toMatchFileSnapshot(`./__snapshots__/${fixture}/${format}.${reporterInfo[format].defaultExtension}`);
  });
});

describe('validate run with waivers, a baseline and a signature', () => {
  it.each(TEXT_FORMATS)('%s', async (format) => {
    const out = await reporters[format](gatedFixture(), { color: false, cwd: CWD });
    await expect(out).toMatchFileSnapshot(`./__snapshots__/gated-run/${format}.${reporterInfo[format].defaultExtension}`);
  });
});

it('stylish with colour', async () => {
  const out = await reporters.stylish(withDigest(loadFixture('validate-run')), { color: true, cwd: CWD });
  expect(out).toContain('\u001b[');
  await expect(out).toMatchFileSnapshot('./__snapshots__/validate-run/stylish-color.txt');
});

it('stylish without colour has no escape codes, even from hostile message text', async () => {
  const out = await reporters.stylish(loadFixture('validate-run'), { color: false, cwd: CWD });
  expect(out).not.toContain('\u001b');
  expect(out).not.toContain('\u0001');
});
