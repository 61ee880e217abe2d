// package/unreadable invalidResource: a file in a loose folder that is not a readable FHIR resource is reported, once
// per file, with the file as its location, and the readable definitions beside it still load (also from the cache).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPackages } from '../../src/packages/load-packages.js';

const PROFILE_URL = 'http://example.org/fhir/StructureDefinition/msg-patient';
const PROFILE = {
  resourceType: 'StructureDefinition', id: 'msg-patient', url: PROFILE_URL, version: '1.0.0', name: 'MsgPatient', status: 'active',
  kind: 'resource', abstract: false, type: 'Patient', derivation: 'constraint', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
  differential: { element: [{ id: 'Patient', path: 'Patient' }, { id: 'Patient.gender', path: 'Patient.gender', min: 1 }] },
};

let tmp: string;
const env = { ...process.env };
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ukc-pkg-msg-'));
  process.env.FHIR_PACKAGE_CACHE = path.join(tmp, 'fhir-packages');
});
afterEach(() => {
  process.env = { ...env };
});

function looseFolder(files: Record<string, string>): string {
  const dir = path.join(tmp, 'loose');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('package/unreadable invalidResource', () => {
  it.each([
    ['broken JSON', 'broken.json', '{"resourceType": "ValueSet", "id": '],
    ['malformed XML', 'broken.xml', '<ValueSet xmlns="http://hl7.org/fhir"><id value="x"/>'],
  ])('reports %s at the file and still loads the rest', (_what, file, text) => {
    const dir = looseFolder({ 'sd.json': JSON.stringify(PROFILE), [file]: text });
    for (const set of [loadPackages([dir]), loadPackages([dir])]) { // the second load replays the converted cache
      const found = set.issues.filter((i) => i.ruleId === 'package/unreadable');
      expect(found.map((i) => i.messageId)).toEqual(['invalidResource']);
      expect(found[0]!.location).toEqual({ source: path.join(dir, file) });
      expect(found[0]!.data).toMatchObject({ file, source: dir });
      expect(String(found[0]!.data?.reason).length).toBeGreaterThan(0);
      expect(set.defs.resolve(PROFILE_URL)?.name).toBe('MsgPatient');
      expect(set.fatal).toBe(false);
    }
  });

  it('reports nothing for a folder whose files all read (the control)', () => {
    const dir = looseFolder({ 'sd.json': JSON.stringify(PROFILE) });
    expect(loadPackages([dir]).issues.filter((i) => i.ruleId === 'package/unreadable')).toEqual([]);
  });
});
