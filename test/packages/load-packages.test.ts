// Package sources: FHIR package folders, tarballs, loose JSON/XML folders and the FHIR package cache; problems as issues.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPackages } from '../../src/packages/load-packages.js';

const PROFILE_URL = 'http://example.org/fhir/StructureDefinition/test-patient';

function profile(version = '1.0.0'): Record<string, unknown> {
  return {
    resourceType: 'StructureDefinition', id: 'test-patient', url: PROFILE_URL, version, name: 'TestPatient', status: 'active',
    kind: 'resource', abstract: false, type: 'Patient', derivation: 'constraint',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    differential: { element: [{ id: 'Patient', path: 'Patient' }, { id: 'Patient.gender', path: 'Patient.gender', min: 1 }] },
  };
}

let tmp: string;
const env = { ...process.env };

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ukc-pkg-'));
  process.env.FHIR_PACKAGE_CACHE = path.join(tmp, 'fhir-packages');
});
afterEach(() => {
  process.env = { ...env };
});

function writePackage(dir: string, name: string, version: string, deps: Record<string, string> = {}, resources = [profile()]): string {
  mkdirSync(path.join(dir, 'package'), { recursive: true });
  writeFileSync(path.join(dir, 'package', 'package.json'), JSON.stringify({ name, version, fhirVersions: ['4.0.1'], dependencies: deps }));
  for (const r of resources) writeFileSync(path.join(dir, 'package', `StructureDefinition-${r.id}.json`), JSON.stringify(r));
  return dir;
}

describe('loadPackages', () => {
  it('loads a folder in FHIR package layout', () => {
    const dir = writePackage(path.join(tmp, 'p1'), 'example.pkg', '1.0.0', { 'hl7.fhir.r4.core': '4.0.1' });
    const set = loadPackages([dir]);
    expect(set.fatal).toBe(false);
    expect(set.packages.map((p) => `${p.id}#${p.version}`)).toEqual(['example.pkg#1.0.0', 'hl7.fhir.r4.core#4.0.1']);
    expect(set.defs.resolve(PROFILE_URL)?.name).toBe('TestPatient');
    expect(set.defs.resolve(`${PROFILE_URL}|1.0.0`)?.name).toBe('TestPatient');
    expect(set.defs.resolve(`${PROFILE_URL}|9.9.9`)).toBeUndefined();
    expect(set.issues).toEqual([]);
  });

  it('loads a .tgz and records its sha256', async () => {
    const dir = writePackage(path.join(tmp, 'p2'), 'example.tgz', '2.0.0');
    const file = path.join(tmp, 'example.tgz');
    await tar.c({ gzip: true, file, cwd: dir }, ['package']);
    const set = loadPackages([file]);
    expect(set.packages[0]!.id).toBe('example.tgz');
    expect(set.packages[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(set.defs.resolve(PROFILE_URL)).toBeDefined();
  });

  it('loads a loose folder of XML and JSON conformance resources and ignores other resources', () => {
    const dir = path.join(tmp, 'loose');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'sub', 'vs.xml'), `<ValueSet xmlns="http://hl7.org/fhir"><id value="vs1"/><url value="http://example.org/ValueSet/vs1"/><status value="active"/></ValueSet>`);
    writeFileSync(path.join(dir, 'sd.json'), JSON.stringify(profile()));
    writeFileSync(path.join(dir, 'patient.json'), JSON.stringify({ resourceType: 'Patient', id: 'x' }));
    const set = loadPackages([dir]);
    expect(set.fatal).toBe(false);
    expect(set.defs.resolve('http://example.org/ValueSet/vs1')?.status).toBe('active');
    expect(set.defs.resolve(PROFILE_URL)).toBeDefined();
    expect(set.packages[0]!.entries).toHaveLength(2);
    // The second load comes from the converted cache and gives the same content.
    const again = loadPackages([dir]);
    expect(again.defs.resolve('http://example.org/ValueSet/vs1')?.id).toBe('vs1');
  });

  it('loads id#version from the FHIR package cache and chases dependencies there', () => {
    const cache = process.env.FHIR_PACKAGE_CACHE!;
    writePackage(path.join(cache, 'dep.pkg#1.0.0'), 'dep.pkg', '1.0.0', {}, [{ ...profile(), id: 'dep', url: 'http://example.org/dep' }]);
    writePackage(path.join(cache, 'main.pkg#3.0.0'), 'main.pkg', '3.0.0', { 'dep.pkg': '1.0.0', 'hl7.fhir.r4.core': '4.0.1' });
    const set = loadPackages(['main.pkg#3.0.0']);
    expect(set.packages.map((p) => p.id)).toEqual(['main.pkg', 'dep.pkg', 'hl7.fhir.r4.core']);
    expect(set.defs.resolve('http://example.org/dep')).toBeDefined();
  });

  it('reports an unresolvable dependency and a duplicate canonical as issues, not crashes', () => {
    const a = writePackage(path.join(tmp, 'a'), 'a.pkg', '1.0.0', { 'missing.pkg': '9.9.9' });
    const b = writePackage(path.join(tmp, 'b'), 'b.pkg', '1.0.0');
    const set = loadPackages([a, b]);
    expect(set.fatal).toBe(false);
    expect(set.issues.map((i) => [i.ruleId, i.messageId, i.severity])).toEqual([
      ['package/unresolved-dependency', 'unresolvedDependency', 'warning'],
      ['package/duplicate-canonical', 'duplicateCanonical', 'warning'],
    ]);
  });

  it.each([
    ['a missing path', (): string => path.join(tmp, 'nope'), 'notFound'],
    ['a file that is not a tarball', (): string => { const f = path.join(tmp, 'x.txt'); writeFileSync(f, 'x'); return f; }, 'notAPackage'],
    ['an empty folder', (): string => { const d = path.join(tmp, 'empty'); mkdirSync(d); return d; }, 'notAPackage'],
  ])('reports %s as a fatal issue', (_name, make, messageId) => {
    const set = loadPackages([make()]);
    expect(set.fatal).toBe(true);
    expect(set.issues.map((i) => [i.ruleId, i.messageId, i.severity])).toEqual([['package/unreadable', messageId, 'fatal']]);
  });

  it('reports an id#version that is not cached as fatal, with the install hint', () => {
    const set = loadPackages(['not.there#1.0.0']);
    expect(set.fatal).toBe(true);
    expect(set.issues[0]).toMatchObject({ ruleId: 'package/unresolved-dependency', severity: 'fatal' });
    expect(set.issues[0]!.message).toContain('packages install not.there#1.0.0');
  });
});
