// Test helper: runs HL7's snapshot-generation test cases (fhir-test-cases r4b/snapshot-generation/manifest.xml).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Issue } from '../../src/model/issue.js';
import type { LoadedPackage } from '../../src/packages/package-types.js';
import { Definitions } from '../../src/packages/definitions.js';
import { onDemandSnapshots } from '../../src/snapshot/generate-all.js';
import { generateSnapshot } from '../../src/snapshot/generate-snapshot.js';
import { memoryPackage } from './fixture-defs.js';
import { compareSnapshots, keyProperties, type Comparison, type IgnoreDifference } from './compare-snapshots.js';
import type { XmlReader } from './xml-loader.js';

export interface Hl7Case {
  id: string;
  /** Generation is expected to fail (an error must be reported). */
  fail: boolean;
  register: string[];
  description: string;
}

export interface CaseOutcome {
  id: string;
  format: 'json' | 'xml';
  status: 'pass' | 'fail' | 'skip';
  reason: string;
  comparison?: Comparison;
  issues: Issue[];
}

/** The `<test>` entries of manifest.xml (attributes only; the FHIRPath rules are not evaluated). */
export function readManifest(dir: string): Hl7Case[] {
  const xml = readFileSync(path.join(dir, 'manifest.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const out: Hl7Case[] = [];
  for (const m of xml.matchAll(/<test\s([^>]*?)\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs.set(a[1]!, a[2]!);
    const id = attrs.get('id');
    if (!id) continue;
    out.push({
      id,
      fail: attrs.get('fail') === 'true',
      register: [attrs.get('register'), attrs.get('include')].join(',').split(',').map((s) => s.trim()).filter(Boolean),
      description: attrs.get('description') ?? '',
    });
  }
  return out;
}

function findFile(dir: string, base: string): string | undefined {
  for (const ext of ['.json', '.xml']) {
    const f = path.join(dir, base + ext);
    if (existsSync(f)) return f;
  }
  return undefined;
}

function readResource(file: string, read: XmlReader | undefined): Record<string, any> | undefined {
  if (file.endsWith('.json')) return JSON.parse(readFileSync(file, 'utf8'));
  return read?.(readFileSync(file, 'utf8'), file);
}

const readCache = new Map<string, Record<string, any> | undefined>();

function cachedRead(file: string, read: XmlReader | undefined): Record<string, any> | undefined {
  if (!readCache.has(file)) readCache.set(file, readResource(file, read));
  return readCache.get(file);
}


/** Differential properties behind each compared property. */
const DIFF_KEYS: Record<string, (k: string) => boolean> = {
  min: (k) => k === 'min',
  max: (k) => k === 'max',
  types: (k) => k === 'type',
  values: (k) => /^(fixed|pattern)[A-Z]/.test(k),
  binding: (k) => k === 'binding',
  constraints: (k) => k === 'constraint',
  slicing: (k) => k === 'slicing',
  mustSupport: (k) => k === 'mustSupport',
};

/**
 * The cases were written against the R4B base; we generate from R4. A difference is R4B's, not the generator's,
 * when the differential does not touch that property of the element and our value is exactly R4's base value
 * for the element (`base.path`), e.g. R4B's extra Observation.subject targets or its `id` types.
 */
export function r4bBaseDifference(defs: Definitions, diff: Record<string, any>[]): IgnoreDifference {
  const touched = new Map<string, Record<string, any>>();
  for (const d of diff) if (d.id) touched.set(String(d.id), d);
  return (kind, _expected, actual) => {
    const test = DIFF_KEYS[kind];
    if (!test) return false;
    const d = touched.get(String(actual.id));
    if (d && Object.keys(d).some(test)) return false;
    const basePath = String(actual.base?.path ?? '');
    const type = basePath.split('.')[0]!;
    const r4 = defs.typeDefinition(type)?.snapshot?.element?.find((e: any) => e.path === basePath && !e.sliceName);
    if (!r4) return false;
    const mine = keyProperties(actual)[kind];
    const r4view = keyProperties(r4)[kind];
    return JSON.stringify(mine) === JSON.stringify(r4view);
  };
}

/**
 * Runs one case against the R4 base package. As in HL7's runner, the inputs of the cases before it are available
 * (several cases build on an earlier case's profile, e.g. t16 on t15), as are the resources any case registers.
 */
export function runCase(dir: string, c: Hl7Case, base: LoadedPackage, read: XmlReader | undefined, all: Hl7Case[] = []): CaseOutcome {
  const earlier = all.slice(0, all.indexOf(c));
  const inputFile = findFile(dir, `${c.id}-input`);
  const format = inputFile?.endsWith('.xml') ? 'xml' : 'json';
  const skip = (reason: string): CaseOutcome => ({ id: c.id, format, status: 'skip', reason, issues: [] });
  if (!inputFile) return skip('no input file');
  if (format === 'xml' && !read) return skip('XML input and no XML reader');
  const input = cachedRead(inputFile, read);
  if (!input) return skip('input could not be read');
  const registered: Record<string, any>[] = [];
  for (const r of c.register) {
    const f = findFile(dir, r);
    const res = f ? cachedRead(f, read) : undefined;
    if (!res) return skip(`registered resource ${r} could not be read`);
    registered.push(res);
  }
  const context = new Map<string, Record<string, any>>();
  for (const e of [...all, ...earlier]) {
    for (const name of e === c ? [] : all.includes(e) && !earlier.includes(e) ? e.register : [`${e.id}-input`, ...e.register]) {
      const f = findFile(dir, name);
      const res = f ? cachedRead(f, read) : undefined;
      if (res?.url && res.url !== input.url) context.set(String(res.url), res);
    }
  }
  for (const r of registered) if (r.url) context.delete(String(r.url));
  const defs = new Definitions([memoryPackage('hl7-test-case', [...registered, ...context.values()]), base]);
  const ctx = onDemandSnapshots(defs);
  const { snapshot: _ignored, ...differentialOnly } = input;
  const result = generateSnapshot(differentialOnly, ctx);
  const issues = [...ctx.result.issues, ...result.issues];
  const errors = result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (c.fail) {
    return errors.length > 0
      ? { id: c.id, format, status: 'pass', reason: `expected failure: ${errors[0]!.ruleId}/${errors[0]!.messageId}`, issues }
      : { id: c.id, format, status: 'fail', reason: 'expected an error, generated without one', issues };
  }
  const expectedFile = findFile(dir, `${c.id}-expected`);
  if (!expectedFile) return skip('no expected snapshot (FHIRPath rules only)');
  const expected = readResource(expectedFile, read);
  if (!expected) return skip('expected file could not be read');
  if (!expected.snapshot?.element) return skip('expected file has no snapshot (the case checks sorting only)');
  const comparison = compareSnapshots(expected.snapshot.element, result.snapshot, r4bBaseDifference(defs, differentialOnly.differential?.element ?? []));
  const pass = comparison.identical === comparison.total;
  const first = comparison.diffs[0];
  return {
    id: c.id, format, status: pass ? 'pass' : 'fail',
    reason: pass ? 'identical' : `${comparison.diffs.length} differences, first: ${first?.id} ${first?.kind}`,
    comparison, issues,
  };
}
