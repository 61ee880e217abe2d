// discoverInputs: files, folders (recursive, hidden folders and node_modules skipped), globs, and missing paths.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInputs, kindOf } from '../../src/inputs/discover.js';

let root: string;
const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ukcore-discover-'));
  for (const f of ['a.json', 'Z.JSON', 'readme.txt', 'sub/b.xml', 'sub/d.jsonl', 'sub/deeper/c.ndjson', 'sub/g.ndjson.gz',
    '.hidden/e.json', 'sub/.git/h.json', 'node_modules/pkg/f.json', 'sub/.dotfile.json']) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), '{}');
  }
  mkdirSync(path.join(root, 'empty'));
  mkdirSync(path.join(root, 'only-text'));
  writeFileSync(path.join(root, 'only-text', 'notes.md'), '# no FHIR here');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('kindOf', () => {
  it.each([
    ['x.json', 'json'], ['X.JSON', 'json'], ['x.xml', 'xml'], ['x.ndjson', 'ndjson'], ['x.jsonl', 'ndjson'],
    ['x.ndjson.gz', 'ndjson'], ['x.NDJSON.GZ', 'ndjson'], ['x.json.gz', 'unknown'], ['x.txt', 'unknown'], ['json', 'unknown'],
  ])('%s → %s', (file, kind) => {
    expect(kindOf(file)).toBe(kind);
  });
});

describe('discoverInputs', () => {
  it('walks a folder recursively in sorted order, skipping hidden folders, dot files, node_modules and other extensions', async () => {
    const { files, missing } = await discoverInputs([root]);
    expect(missing).toEqual([]);
    expect(files.map((f) => [rel(f.path), f.kind])).toEqual([
      ['Z.JSON', 'json'],
      ['a.json', 'json'],
      ['sub/b.xml', 'xml'],
      ['sub/d.jsonl', 'ndjson'],
      ['sub/deeper/c.ndjson', 'ndjson'],
      ['sub/g.ndjson.gz', 'ndjson'],
    ]);
  });

  it('takes a file named explicitly whatever its extension or folder (the content is sniffed later)', async () => {
    const { files, missing } = await discoverInputs([path.join(root, 'readme.txt'), path.join(root, '.hidden', 'e.json')]);
    expect(missing).toEqual([]);
    expect(files.map((f) => [rel(f.path), f.kind])).toEqual([['readme.txt', 'unknown'], ['.hidden/e.json', 'json']]);
  });

  it('expands an absolute glob to absolute paths, without dot folders', async () => {
    const { files, missing } = await discoverInputs([`${root}/sub/**/*.{json,xml,ndjson}`]);
    expect(missing).toEqual([]);
    expect(files.every((f) => path.isAbsolute(f.path))).toBe(true);
    expect(files.map((f) => rel(f.path))).toEqual(['sub/b.xml', 'sub/deeper/c.ndjson']);
  });

  it('skips node_modules in glob expansion unless the pattern names it', async () => {
    const all = await discoverInputs([`${root}/**/*.json`]);
    // Patterns are case-sensitive: Z.JSON is not *.json.
    expect(all.files.map((f) => rel(f.path))).toEqual(['a.json']);
    const named = await discoverInputs([`${root}/node_modules/**/*.json`]);
    expect(named.files.map((f) => rel(f.path))).toEqual(['node_modules/pkg/f.json']);
  });

  it('expands a relative glob against the working folder', async () => {
    const { files } = await discoverInputs(['fixtures/resources/valid/bundle-*.json']);
    expect(files.map((f) => f.path)).toEqual([
      'fixtures/resources/valid/bundle-collection.json',
      'fixtures/resources/valid/bundle-document.json',
      'fixtures/resources/valid/bundle-searchset.json',
      'fixtures/resources/valid/bundle-transaction.json',
    ]);
  });

  it('lists each file once however many arguments name it', async () => {
    const a = path.join(root, 'a.json');
    const { files } = await discoverInputs([a, `${root}/*.json`, root, path.join(root, '.', 'a.json')]);
    expect(files.map((f) => rel(f.path))).toEqual(['a.json', 'Z.JSON', 'sub/b.xml', 'sub/d.jsonl', 'sub/deeper/c.ndjson', 'sub/g.ndjson.gz']);
  });

  it('reports missing paths, empty folders and globs that match nothing, and keeps the rest', async () => {
    const { files, missing } = await discoverInputs([
      path.join(root, 'nope.json'), path.join(root, 'empty'), path.join(root, 'only-text'), `${root}/*.zzz`, path.join(root, 'a.json'),
    ]);
    expect(files.map((f) => rel(f.path))).toEqual(['a.json']);
    expect(missing.map((m) => [rel(m.path), m.reason])).toEqual([
      ['nope.json', 'no such file or folder'],
      ['empty', 'the folder has no .json, .xml or .ndjson files'],
      ['only-text', 'the folder has no .json, .xml or .ndjson files'],
      ['*.zzz', 'no files match this pattern'],
    ]);
  });
});
