// NDJSON (https://hl7.org/fhir/R4/nd-json.html): one resource per line, `file.ndjson:N` targets, file line numbers in
// issues, blank lines skipped, a bad line does not stop the others, and .ndjson.gz is read the same way.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput, type FileSummary, type ReadUnit } from '../../src/inputs/read-input.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { loadPackages, type PackageSet } from '../../src/packages/load-packages.js';
import { sharedValidator } from '../support/rule-tester.js';

const NARRATIVE = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const patient = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ resourceType: 'Patient', id, text: NARRATIVE, ...extra });

// Line numbers matter: 1 good, 2 blank, 3 good, 4 malformed, 5 not an object, 6 whitespace, 7 unknown element, 8 good.
const LINES = [
  patient('p1'),
  '',
  patient('p3', { gender: 'female' }),
  '{"resourceType": "Patient", "id": "p4",',
  '[1, 2]',
  '   \t',
  patient('p7', { nickname: 'x' }),
  patient('p8'),
];
const CONTENT = `${LINES.join('\n')}\n`;

let dir: string;
let pkgs: PackageSet;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ukcore-ndjson-'));
  writeFileSync(file('mixed.ndjson'), CONTENT);
  writeFileSync(file('mixed-crlf.ndjson'), CONTENT.replace(/\n/g, '\r\n'));
  writeFileSync(file('mixed.ndjson.gz'), gzipSync(Buffer.from(CONTENT)));
  writeFileSync(file('mixed.jsonl'), CONTENT);
  writeFileSync(file('corrupt.ndjson.gz'), Buffer.from('this is not gzip data at all'));
  writeFileSync(file('empty.ndjson'), '');
  writeFileSync(file('bom.ndjson'), `\uFEFF${patient('b1', { nickname: 'x' })}\n`);
  writeFileSync(file('nul.ndjson'), `${patient('n1')}\n{"resourceType":"Patient","id":"n\u00002"}\n`);
  pkgs = loadPackages([]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(p: string): Promise<{ units: ReadUnit[]; summary: FileSummary }> {
  const summary: FileSummary = { path: p, sha256: '', bytes: 0, resources: 0 };
  const units: ReadUnit[] = [];
  for await (const u of readInput({ path: p, kind: 'ndjson' }, sharedValidator().xmlSchema, summary)) units.push(u);
  return { units, summary };
}

const shape = (units: ReadUnit[]) => units.map((u) => ({
  target: u.target,
  id: u.parsed?.value.id,
  issues: u.issues.map((i) => `${i.ruleId}/${i.messageId}@${i.location.line}:${i.location.column}`),
}));

describe('readInput for NDJSON', () => {
  it.each(['mixed.ndjson', 'mixed-crlf.ndjson', 'mixed.ndjson.gz', 'mixed.jsonl'])('%s: one unit per non-blank line, file line numbers', async (name) => {
    const p = file(name);
    const { units, summary } = await read(p);
    expect(shape(units)).toEqual([
      { target: `${p}:1`, id: 'p1', issues: [] },
      { target: `${p}:3`, id: 'p3', issues: [] },
      { target: `${p}:4`, id: undefined, issues: [`parse/json-syntax/unexpectedEnd@4:${LINES[3]!.length + 1}`] },
      { target: `${p}:5`, id: undefined, issues: ['input/unreadable/notAnObject@5:1'] },
      { target: `${p}:7`, id: 'p7', issues: [] },
      { target: `${p}:8`, id: 'p8', issues: [] },
    ]);
    // Parsed resources are named by the file; their positions are file positions.
    const p7 = units[4]!.parsed!;
    expect(p7.source).toBe(p);
    expect(p7.format).toBe('json');
    expect(p7.positions.locate(p7.value, ['nickname'])).toEqual({ line: 7, column: LINES[6]!.indexOf('"nickname"') + 1 });
    expect(summary.resources).toBe(4);
  });

  it('summarises the bytes and sha256 of the file as stored (compressed for .gz)', async () => {
    for (const name of ['mixed.ndjson', 'mixed.ndjson.gz']) {
      const p = file(name);
      const { summary } = await read(p);
      const stored = await import('node:fs').then((fs) => fs.readFileSync(p));
      expect(summary).toEqual({ path: p, bytes: stored.length, sha256: createHash('sha256').update(stored).digest('hex'), resources: 4 });
    }
  });

  it('a byte order mark on line 1 does not shift columns', async () => {
    const { units } = await read(file('bom.ndjson'));
    const parsed = units[0]!.parsed!;
    expect(parsed.positions.locate(parsed.value, ['nickname'])).toEqual({ line: 1, column: patient('b1', { nickname: 'x' }).indexOf('"nickname"') + 1 });
  });

  it('a line with a NUL byte is binary; the other lines are still read', async () => {
    const p = file('nul.ndjson');
    const { units } = await read(p);
    expect(shape(units)).toEqual([
      { target: `${p}:1`, id: 'n1', issues: [] },
      { target: `${p}:2`, id: undefined, issues: ['input/unreadable/binary@2:1'] },
    ]);
  });

  it('an empty file is one empty unit', async () => {
    const p = file('empty.ndjson');
    expect(shape((await read(p)).units)).toEqual([{ target: p, id: undefined, issues: ['input/unreadable/empty@undefined:undefined'] }]);
  });

  it('a corrupt .gz is a readError, not a crash', async () => {
    const p = file('corrupt.ndjson.gz');
    const { units } = await read(p);
    expect(units.map((u) => [u.target, u.issues.map((i) => `${i.ruleId}/${i.messageId}`)])).toEqual([[p, ['input/unreadable/readError']]]);
  });

  it('a missing file is a readError', async () => {
    const p = file('missing.ndjson');
    const { units } = await read(p);
    expect(units.map((u) => [u.target, u.issues.map((i) => `${i.ruleId}/${i.messageId}`)])).toEqual([[p, ['input/unreadable/readError']]]);
  });
});

describe('runValidate over NDJSON', () => {
  it('validates every good line even when others are malformed, with line numbers in targets and issues', async () => {
    const p = file('mixed.ndjson.gz');
    const { report, usageErrors } = await runValidate({ paths: [p], packageSet: pkgs });
    expect(usageErrors).toEqual([]);
    expect(report.results.map((r) => [r.target, r.status, r.issues.filter((i) => i.severity !== 'warning').map((i) => `${i.ruleId}/${i.messageId}@${i.location.line}`)])).toEqual([
      [`${p}:1`, 'pass', []],
      [`${p}:3`, 'pass', []],
      [`${p}:4`, 'fail', ['parse/json-syntax/unexpectedEnd@4']],
      [`${p}:5`, 'fail', ['input/unreadable/notAnObject@5']],
      [`${p}:7`, 'fail', ['structure/unknown-element/unknownElement@7']],
      [`${p}:8`, 'pass', []],
    ]);
    const unknown = report.results[4]!.issues.find((i) => i.ruleId === 'structure/unknown-element')!;
    expect(unknown.location).toEqual({ source: p, expression: 'Patient.nickname', line: 7, column: LINES[6]!.indexOf('"nickname"') + 1 });
    expect(report.inputs).toEqual([expect.objectContaining({ path: p, resources: 4 })]);
  });
});
