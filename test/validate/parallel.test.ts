// Validation on worker threads gives the in-process report: the same results in the same order, the same input
// summaries, whatever the number of jobs; NDJSON is split across workers; problems with files stay where they were.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { projectRoot } from '../../src/util/shared-data.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { plannedJobs, AUTO_MIN_FILES } from '../../src/validate/parallel/run-parallel.js';
import { basePackageSet } from '../support/base-validator.js';

const NARRATIVE = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const patient = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ resourceType: 'Patient', id, text: NARRATIVE, ...extra });

let dir: string;
let goodLines = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ukcore-parallel-'));
  // 300 lines: several tasks per file, blank and broken lines among them.
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    if (i % 37 === 5) lines.push('');
    else if (i % 41 === 7) lines.push('{"resourceType": "Patient", "id": "broken",');
    else if (i % 43 === 9) lines.push(patient(`p${i}`, { nickname: 'x', birthDate: '2020-02-30' }));
    else lines.push(patient(`p${i}`, i % 3 ? { gender: 'female' } : { active: true }));
  }
  goodLines = lines.filter((l) => l.endsWith('}')).length;
  writeFileSync(path.join(dir, 'a.ndjson'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(dir, 'b.ndjson.gz'), gzipSync(Buffer.from(lines.slice(0, 90).join('\r\n'))));
  writeFileSync(path.join(dir, 'corrupt.ndjson.gz'), 'not gzip');
  writeFileSync(path.join(dir, 'empty.ndjson'), '');
  mkdirSync(path.join(dir, 'docs'));
  writeFileSync(path.join(dir, 'docs', 'one.json'), patient('one', { birthDate: 'yesterday' }));
  writeFileSync(path.join(dir, 'docs', 'bad.json'), '{"resourceType": ');
  writeFileSync(path.join(dir, 'docs', 'bundle.json'), JSON.stringify({
    resourceType: 'Bundle', type: 'collection',
    entry: [{ fullUrl: 'urn:uuid:2d7a5d53-2b52-4e6e-9f4b-7b5e0c3bde10', resource: JSON.parse(patient('e1', { gender: 'other' })) }, { fullUrl: 'Patient/x', resource: JSON.parse(patient('e2')) }],
  }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The report without what differs between any two runs (timings, dates). */
function comparable(report: Report): unknown {
  return { ...report, startedAt: '', finishedAt: '', results: report.results.map((r) => ({ ...r, durationMs: 0 })) };
}

async function run(paths: string[], jobs: number): Promise<{ report: Report; usageErrors: string[]; order: string[] }> {
  const order: string[] = [];
  const out = await runValidate({ paths, packageSet: basePackageSet(), jobs, onResult: (r, n) => order.push(`${n}:${r.target}`) });
  return { ...out, order };
}

describe('runValidate with worker threads', () => {
  it('gives the same report and progress order with 1, 2 and 3 jobs (NDJSON, gzip, documents, fixtures, bad files)', async () => {
    const paths = [path.join(dir, 'a.ndjson'), path.join(dir, 'b.ndjson.gz'), path.join(dir, 'corrupt.ndjson.gz'), path.join(dir, 'empty.ndjson'),
      path.join(dir, 'docs'), path.join(projectRoot, 'fixtures', 'parse', 'xml'), path.join(dir, 'missing.json')];
    const one = await run(paths, 1);
    expect(one.report.results.length).toBeGreaterThan(300);
    expect(one.usageErrors).toHaveLength(1);
    for (const jobs of [2, 3]) {
      const many = await run(paths, jobs);
      expect(comparable(many.report)).toEqual(comparable(one.report));
      expect(many.usageErrors).toEqual(one.usageErrors);
      expect(many.order).toEqual(one.order);
    }
  }, 120_000);

  it('the report says which lines failed, as in process', async () => {
    const { report } = await run([path.join(dir, 'a.ndjson')], 2);
    const failed = report.results.filter((r) => r.status === 'fail').map((r) => r.target.replace(`${dir}${path.sep}`, ''));
    expect(failed).toContain('a.ndjson:8');
    expect(report.inputs).toEqual([expect.objectContaining({ resources: goodLines })]);
  }, 60_000);
});

describe('plannedJobs', () => {
  const f = (kind: 'json' | 'ndjson', p = 'x') => ({ path: p, kind });
  it.each([
    ['one job asked for', 1, [f('ndjson'), f('json')], 1],
    ['several files, 3 jobs', 3, [f('json'), f('json'), f('json'), f('json')], 3],
    ['two files, 3 jobs: no more workers than files', 3, [f('json'), f('json')], 2],
    ['one JSON file, 3 jobs', 3, [f('json')], 1],
    ['one NDJSON file, 3 jobs', 3, [f('ndjson')], 3],
    ['no files', 3, [], 1],
    ['not a number', Number.NaN, [f('ndjson')], 1],
  ] as const)('%s', (_name, jobs, files, expected) => {
    expect(plannedJobs(jobs, [...files])).toBe(expected);
  });

  it('by default, small inputs stay in process and many files do not', () => {
    expect(plannedJobs(undefined, [f('json', path.join(projectRoot, 'package.json'))])).toBe(1);
    const many = Array.from({ length: AUTO_MIN_FILES }, () => f('json', path.join(projectRoot, 'package.json')));
    expect(plannedJobs(undefined, many)).toBe(Math.max(1, Math.min(os.availableParallelism() - 1, 4)));
  });
});
