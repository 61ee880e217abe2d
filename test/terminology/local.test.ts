// LocalTerminology over fixture code systems and value sets: lookups, every filter operator, imports, excludes,
// versions, incomplete content, recursion and the expansion size cap.
import { describe, expect, it } from 'vitest';
import { LocalTerminology } from '../../src/terminology/local.js';
import type { CodeCheck, ValidateCodeRequest } from '../../src/terminology/service.js';
import { A, C, F, fixtureDefinitions, SCT, vs } from './fixtures.js';

const tx = new LocalTerminology(fixtureDefinitions());

type Row = [string, ValidateCodeRequest, Partial<CodeCheck>];

const codeSystemRows: Row[] = [
  ['known code', { system: A, code: 'dog' }, { outcome: 'valid', display: 'Dog' }],
  ['unknown code in a complete system', { system: A, code: 'unicorn' }, { outcome: 'invalid', reason: 'unknown-code' }],
  ['case-sensitive system rejects another case', { system: A, code: 'Dog' }, { outcome: 'invalid', reason: 'unknown-code' }],
  ['case-insensitive system accepts another case', { system: C, code: 'red' }, { outcome: 'valid' }],
  ['display matches', { system: A, code: 'dog', display: 'Dog' }, { outcome: 'valid', displayMismatch: undefined }],
  ['display matches ignoring case and spaces', { system: A, code: 'dog', display: '  dog ' }, { outcome: 'valid', displayMismatch: undefined }],
  ['display matches a designation', { system: A, code: 'mammal', display: 'Mammalian animal' }, { outcome: 'valid', displayMismatch: undefined }],
  ['display mismatch', { system: A, code: 'dog', display: 'Cat' }, { outcome: 'valid', displayMismatch: true, display: 'Dog' }],
  ['code missing from a fragment is not verified', { system: F, code: 'z' }, { outcome: 'not-verified', reason: 'incomplete-code-system' }],
  ['code present in a fragment is valid', { system: F, code: 'a' }, { outcome: 'valid' }],
  ['external system without a server', { system: SCT, code: '22298006' }, { outcome: 'not-verified', reason: 'no-server' }],
  ['explicit version present', { system: C, version: '1.0.0', code: 'GREEN' }, { outcome: 'valid' }],
  ['code absent from the requested version', { system: C, version: '1.0.0', code: 'BLUE' }, { outcome: 'invalid', reason: 'unknown-code' }],
  ['code absent, requested version not loaded', { system: C, version: '7.0.0', code: 'PURPLE' }, { outcome: 'not-verified', reason: 'unknown-version' }],
  ['code present, requested version not loaded', { system: C, version: '7.0.0', code: 'RED' }, { outcome: 'valid' }],
  ['UCUM unit', { system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }, { outcome: 'valid' }],
  ['bad UCUM unit', { system: 'http://unitsofmeasure.org', code: 'mmHg' }, { outcome: 'invalid', reason: 'unknown-code' }],
  ['malformed media type', { system: 'urn:ietf:bcp:13', code: 'pdf' }, { outcome: 'invalid', reason: 'unknown-code' }],
  ['registered media type', { system: 'urn:ietf:bcp:13', code: 'application/pdf' }, { outcome: 'valid' }],
  ['registered media type with parameters', { system: 'urn:ietf:bcp:13', code: 'text/plain; charset=utf-8' }, { outcome: 'valid' }],
  ['unlisted media type needs a registry', { system: 'urn:ietf:bcp:13', code: 'application/vnd.example.thing+json' }, { outcome: 'not-verified', reason: 'no-server' }],
  ['unregistered top-level media type', { system: 'urn:ietf:bcp:13', code: 'document/pdf' }, { outcome: 'invalid', reason: 'unknown-code' }],
];

const valueSetRows: Row[] = [
  ['is-a includes the concept', { system: A, code: 'mammal', valueSet: vs('mammals') }, { outcome: 'valid' }],
  ['is-a includes descendants', { system: A, code: 'whale', valueSet: vs('mammals') }, { outcome: 'valid' }],
  ['is-a excludes others', { system: A, code: 'penguin', valueSet: vs('mammals') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['descendent-of excludes the concept', { system: A, code: 'mammal', valueSet: vs('mammal-descendants') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['descendent-of includes children', { system: A, code: 'cat', valueSet: vs('mammal-descendants') }, { outcome: 'valid' }],
  ['is-not-a excludes the subtree', { system: A, code: 'sparrow', valueSet: vs('not-birds') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['is-not-a includes the rest', { system: A, code: 'salmon', valueSet: vs('not-birds') }, { outcome: 'valid' }],
  ['= on a property', { system: A, code: 'whale', valueSet: vs('sea') }, { outcome: 'valid' }],
  ['= on a property, other value', { system: A, code: 'dog', valueSet: vs('sea') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['in on a property', { system: A, code: 'sparrow', valueSet: vs('land-or-air') }, { outcome: 'valid' }],
  ['in on a property, not listed', { system: A, code: 'whale', valueSet: vs('land-or-air') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['not-in on a property', { system: A, code: 'dog', valueSet: vs('not-sea') }, { outcome: 'valid' }],
  ['not-in on a property, listed', { system: A, code: 'penguin', valueSet: vs('not-sea') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['regex matches the whole code', { system: A, code: 'sparrow', valueSet: vs('regex-s') }, { outcome: 'valid' }],
  ['regex does not match a substring', { system: A, code: 'mammals', valueSet: vs('regex-s') }, { outcome: 'invalid', reason: 'unknown-code' }],
  ['regex no match', { system: A, code: 'whale', valueSet: vs('regex-s') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['exists true', { system: A, code: 'penguin', valueSet: vs('flightless') }, { outcome: 'valid' }],
  ['exists true, property absent', { system: A, code: 'sparrow', valueSet: vs('flightless') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['generalizes includes ancestors', { system: A, code: 'animal', valueSet: vs('penguin-ancestors') }, { outcome: 'valid' }],
  ['generalizes excludes siblings', { system: A, code: 'sparrow', valueSet: vs('penguin-ancestors') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['hierarchy from the parent property', { system: A, code: 'salmon', valueSet: vs('fish') }, { outcome: 'valid' }],
  ['two filters are ANDed', { system: A, code: 'whale', valueSet: vs('sea-mammals') }, { outcome: 'valid' }],
  ['two filters are ANDed, one fails', { system: A, code: 'penguin', valueSet: vs('sea-mammals') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['enumerated concept', { system: A, code: 'cat', valueSet: vs('enumerated') }, { outcome: 'valid' }],
  ['enumerated concept, other system', { system: C, code: 'RED', valueSet: vs('enumerated') }, { outcome: 'valid' }],
  ['enumerated concept, case-insensitive system', { system: C, code: 'red', valueSet: vs('enumerated') }, { outcome: 'valid' }],
  ['not enumerated', { system: A, code: 'whale', valueSet: vs('enumerated') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['value set display is acceptable', { system: A, code: 'dog', display: 'Doggo', valueSet: vs('enumerated') }, { outcome: 'valid', displayMismatch: undefined }],
  ['value set designation is acceptable', { system: A, code: 'dog', display: 'Hound', valueSet: vs('enumerated') }, { outcome: 'valid', displayMismatch: undefined }],
  ['wrong display in a value set', { system: A, code: 'dog', display: 'Kitty', valueSet: vs('enumerated') }, { outcome: 'valid', displayMismatch: true }],
  ['whole-system include', { system: C, code: 'BLUE', valueSet: vs('colours') }, { outcome: 'valid' }],
  ['wrong system for the value set', { system: A, code: 'dog', valueSet: vs('colours') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['pinned version excludes newer codes', { system: C, code: 'BLUE', valueSet: vs('colours-v1') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['pinned version includes its codes', { system: C, code: 'GREEN', valueSet: vs('colours-v1') }, { outcome: 'valid' }],
  ['pinned version not loaded: absent code undecided', { system: C, code: 'PURPLE', valueSet: vs('colours-v9') }, { outcome: 'invalid', reason: 'unknown-code' }],
  ['value set by version', { system: A, code: 'dog', valueSet: `${vs('mammals')}|1.0.0` }, { outcome: 'valid' }],
  ['value set by major.minor', { system: A, code: 'dog', valueSet: `${vs('mammals')}|1.0` }, { outcome: 'valid' }],
  ['value set version not loaded: negative undecided', { system: A, code: 'penguin', valueSet: `${vs('mammals')}|2.0.0` }, { outcome: 'not-verified', reason: 'unknown-version' }],
  ['imports are intersected', { system: A, code: 'whale', valueSet: vs('sea-mammals-by-import') }, { outcome: 'valid' }],
  ['imports are intersected, one fails', { system: A, code: 'dog', valueSet: vs('sea-mammals-by-import') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['separate includes are unioned', { system: A, code: 'penguin', valueSet: vs('mammals-or-sea') }, { outcome: 'valid' }],
  ['exclude removes codes', { system: A, code: 'penguin', valueSet: vs('animals-but-birds') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['exclude keeps the rest', { system: A, code: 'salmon', valueSet: vs('animals-but-birds') }, { outcome: 'valid' }],
  ['recursive imports are not verified', { system: A, code: 'dog', valueSet: vs('recursive-a') }, { outcome: 'not-verified', reason: 'recursive-valueset' }],
  ['mixed value set: local part decides', { system: C, code: 'RED', valueSet: vs('findings-or-colours') }, { outcome: 'valid' }],
  ['mixed value set: local code not in it', { system: A, code: 'dog', valueSet: vs('findings-or-colours') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['mixed value set: SNOMED part needs a server', { system: SCT, code: '22298006', valueSet: vs('findings-or-colours') }, { outcome: 'not-verified', reason: 'no-server' }],
  // The value set lists the code itself, so membership is decided without SNOMED CT content.
  ['enumerated SNOMED codes decide membership', { system: SCT, code: '22298006', valueSet: vs('snomed-enumerated') }, { outcome: 'valid' }],
  ['enumerated SNOMED codes exclude others', { system: SCT, code: '73211009', valueSet: vs('snomed-enumerated') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['fragment: present code', { system: F, code: 'b', valueSet: vs('fragment-all') }, { outcome: 'valid' }],
  ['fragment: absent code', { system: F, code: 'q', valueSet: vs('fragment-all') }, { outcome: 'not-verified', reason: 'incomplete-code-system' }],
  ['expansion-only value set', { system: C, code: 'BLUE', valueSet: vs('expansion-only') }, { outcome: 'valid' }],
  ['expansion-only value set, not listed', { system: C, code: 'RED', valueSet: vs('expansion-only') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['partial stored expansion', { system: A, code: 'cat', valueSet: vs('expansion-partial') }, { outcome: 'not-verified', reason: 'too-costly' }],
  ['unknown value set', { system: A, code: 'dog', valueSet: vs('nope') }, { outcome: 'not-verified', reason: 'unknown-valueset' }],
  ['unknown imported value set', { system: A, code: 'dog', valueSet: vs('missing-import') }, { outcome: 'not-verified', reason: 'unknown-valueset' }],
  ['filter on an undefined property', { system: A, code: 'dog', valueSet: vs('bad-property') }, { outcome: 'not-verified', reason: 'unsupported-filter' }],
  ['invalid regex', { system: A, code: 'dog', valueSet: vs('bad-regex') }, { outcome: 'not-verified', reason: 'unsupported-filter' }],
  ['unsupported operator', { system: A, code: 'dog', valueSet: vs('bad-op') }, { outcome: 'not-verified', reason: 'unsupported-filter' }],
  ['UCUM whole system', { system: 'http://unitsofmeasure.org', code: 'kg/m2', valueSet: vs('ucum') }, { outcome: 'valid' }],
  ['implicit SNOMED value set', { system: SCT, code: '22298006', valueSet: `${SCT}?fhir_vs=isa/404684003` }, { outcome: 'not-verified', reason: 'no-server' }],
];

const inferredRows: Row[] = [
  ['code value found in the value set', { code: 'whale', valueSet: vs('sea') }, { outcome: 'valid', system: A }],
  ['code value not in the value set', { code: 'dog', valueSet: vs('sea') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['code value across systems', { code: 'RED', valueSet: vs('enumerated') }, { outcome: 'valid', system: C }],
  ['code value, mime type syntax', { code: 'not a mime', valueSet: vs('mime') }, { outcome: 'invalid', reason: 'not-in-valueset' }],
  ['code value, registered mime type', { code: 'image/png', valueSet: vs('mime') }, { outcome: 'valid', system: 'urn:ietf:bcp:13' }],
  ['code value, mime type needs a registry', { code: 'text/x-custom', valueSet: vs('mime') }, { outcome: 'not-verified', reason: 'no-server' }],
];

describe('LocalTerminology', () => {
  describe.each([
    ['code systems', codeSystemRows],
    ['value sets', valueSetRows],
    ['codes without a system', inferredRows],
  ] as const)('%s', (_, rows) => {
    it.each(rows)('%s', async (_name, request, expected) => {
      const check = await tx.validateCode(request);
      for (const [k, v] of Object.entries(expected)) expect(check[k as keyof CodeCheck], k).toEqual(v);
    });
  });

  it('is-a on an unknown code matches nothing (complete system)', async () => {
    const local = new LocalTerminology(fixtureDefinitions([{ resourceType: 'ValueSet', url: vs('isa-unknown'), status: 'active', compose: { include: [{ system: A, filter: [{ property: 'concept', op: 'is-a', value: 'dragon' }] }] } }]));
    expect((await local.validateCode({ system: A, code: 'dog', valueSet: vs('isa-unknown') })).outcome).toBe('invalid');
  });

  it('caches answers (same object for the same question)', () => {
    const q = { system: A, code: 'dog', valueSet: vs('mammals') };
    expect(tx.validateCodeSync(q)).toBe(tx.validateCodeSync(q));
  });

  it('knows which systems are local and complete', () => {
    expect(tx.isLocalComplete(A)).toBe(true);
    expect(tx.isLocalComplete(F)).toBe(false);
    expect(tx.isLocalComplete(SCT)).toBe(false);
    expect(tx.isLocalComplete(C, '9.9.9')).toBe(false);
  });
});

describe('expansion', () => {
  const codes = (canonical: string, t = tx): string[] => t.expand(canonical).contains.map((c) => c.code).sort();

  it.each([
    [vs('mammals'), ['cat', 'dog', 'mammal', 'whale']],
    [vs('sea'), ['penguin', 'salmon', 'whale']],
    [vs('sea-mammals-by-import'), ['whale']],
    [vs('animals-but-birds'), ['animal', 'cat', 'dog', 'fish', 'mammal', 'old-thing', 'retired-thing', 'salmon', 'whale']],
    [vs('enumerated'), ['RED', 'cat', 'dog']],
    [vs('colours-v1'), ['GREEN', 'RED']],
  ])('%s', (canonical, expected) => {
    const e = tx.expand(canonical);
    expect(e.complete).toBe(true);
    expect(codes(canonical)).toEqual(expected);
  });

  it('carries displays and versions', () => {
    const dog = tx.expand(vs('mammals')).contains.find((c) => c.code === 'dog');
    expect(dog).toEqual({ system: A, version: '1.0.0', code: 'dog', display: 'Dog' });
    expect(tx.expand(vs('enumerated')).contains.find((c) => c.code === 'dog')?.display).toBe('Doggo');
  });

  it.each([
    [vs('findings-or-colours'), 'no-server'],
    [vs('fragment-all'), 'incomplete-code-system'],
    [vs('recursive-a'), 'recursive-valueset'],
    [vs('bad-property'), 'unsupported-filter'],
    // UCUM is a grammar: any number of codes, so it cannot be enumerated.
    [vs('ucum'), 'too-costly'],
  ])('%s is incomplete (%s)', (canonical, reason) => {
    const e = tx.expand(canonical);
    expect(e.complete).toBe(false);
    expect(e.reason).toBe(reason);
  });

  it('keeps what it could enumerate when incomplete', () => {
    expect(codes(vs('findings-or-colours'))).toEqual(['BLUE', 'GREEN', 'RED']);
  });

  it('gives up beyond the size cap', () => {
    const small = new LocalTerminology(fixtureDefinitions(), { maxExpansionSize: 3 });
    const e = small.expand(vs('mammals'));
    expect(e.complete).toBe(false);
    expect(e.reason).toBe('too-costly');
    expect(small.expand(vs('colours-v1')).complete).toBe(true);
  });

  it('caches expansions', () => {
    expect(tx.expand(vs('mammals'))).toBe(tx.expand(vs('mammals')));
  });
});
