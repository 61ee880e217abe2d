// input/unreadable: files that are not FHIR JSON or XML at all (https://hl7.org/fhir/R4/formats.html).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput, type FileSummary } from '../../src/inputs/read-input.js';
import { ruleTester, sharedValidator } from '../support/rule-tester.js';

const RULE = 'input/unreadable';
const fatal = (messageId: string, line?: number) => ({
  ruleId: RULE, messageId, expression: undefined, severity: 'fatal' as const, ...(line !== undefined ? { line, column: 1 } : {}),
});

ruleTester.run('input/unreadable', {
  valid: [
    // The content decides the syntax: a .txt file holding JSON or XML is read.
    { name: 'JSON in a .txt file', fileName: 'case.txt', text: '{"resourceType": "Basic", "text": {"status": "empty", "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\">x</div>"}, "code": {"text": "x"}}' },
    { name: 'XML in a .txt file', fileName: 'case.txt', text: '<Basic xmlns="http://hl7.org/fhir"><code><text value="x"/></code></Basic>' },
    { name: 'leading blank lines before JSON', text: '\n\n  {"resourceType": "Basic", "code": {"text": "x"}}' },
  ],
  invalid: [
    { name: 'empty: no bytes', bytes: Buffer.alloc(0), errors: [fatal('empty')] },
    { name: 'empty: only whitespace', text: ' \n\t\r\n ', errors: [fatal('empty')] },
    { name: 'binary: NUL bytes', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), errors: [fatal('binary')] },
    { name: 'binary: UTF-16 JSON', bytes: Buffer.from('\uFEFF{"resourceType":"Patient"}', 'utf16le'), errors: [fatal('binary')] },
    { name: 'notAnObject: an array (a Bundle must be a resource)', text: '[{"resourceType": "Patient"}]', errors: [fatal('notAnObject', 1)] },
    { name: 'notAnObject: a string', text: '"Patient"', errors: [fatal('notAnObject', 1)] },
    { name: 'notAnObject: null', text: 'null', errors: [fatal('notAnObject', 1)] },
    { name: 'unknownFormat: YAML in a .txt file', fileName: 'case.txt', text: 'resourceType: Patient\nactive: true\n', errors: [fatal('unknownFormat')] },
    // A .json file that does not start with { or [ is parsed as JSON so the user gets the syntax position.
    { name: 'a .json file starting with a word is a JSON syntax error', text: 'resourceType: Patient', errors: [
      { ruleId: 'parse/json-syntax', messageId: 'unexpectedToken', expression: undefined, line: 1, column: 1 },
    ] },
    { name: 'badEncoding: Latin-1 bytes', bytes: Buffer.from('{"resourceType": "Patient", "name": [{"family": "M\xfcller"}]}', 'latin1'), errors: [fatal('badEncoding')] },
    { name: 'badEncoding: a truncated UTF-8 sequence', bytes: Buffer.from([0x7b, 0x22, 0xe2, 0x82, 0x22, 0x7d]), errors: [fatal('badEncoding')] },
  ],
});

describe('input/unreadable from the file system', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ukcore-unreadable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function read(file: string) {
    const summary: FileSummary = { path: file, sha256: '', bytes: 0, resources: 0 };
    const units = [];
    for await (const u of readInput({ path: file, kind: 'json' }, sharedValidator().xmlSchema, summary)) units.push(u);
    return units;
  }

  it('readError: a folder named like a file', async () => {
    const units = await read(dir);
    expect(units.map((u) => [u.target, u.parsed, u.issues.map((i) => `${i.ruleId}/${i.messageId}/${i.severity}`)]))
      .toEqual([[dir, undefined, [`${RULE}/readError/fatal`]]]);
  });

  it('readError: a path that vanished between discovery and reading', async () => {
    const gone = path.join(dir, 'gone.json');
    const units = await read(gone);
    expect(units.map((u) => u.issues.map((i) => `${i.ruleId}/${i.messageId}`))).toEqual([[`${RULE}/readError`]]);
    expect(units[0]!.issues[0]!.location.source).toBe(gone);
  });
});
