// Clone-and-break over every required binding of the R4 base resources and datatypes: for each bound value set that
// local content can expand completely, every code in it is accepted and a broken copy of it is caught (100%).
import { describe, expect, it } from 'vitest';
import { loadBasePackage } from '../../src/packages/base-package.js';
import { Definitions } from '../../src/packages/definitions.js';
import { checkBinding } from '../../src/terminology/check-binding.js';
import { LocalTerminology } from '../../src/terminology/local.js';

const defs = new Definitions([loadBasePackage()]);
const tx = new LocalTerminology(defs);

/** Required bindings on coded elements of the base definitions: value set → one element path using it. */
const required = new Map<string, string>();
for (const entry of defs.entries('StructureDefinition')) {
  if (entry.derivation !== 'specialization') continue;
  const sd = defs.resolve(entry.url!)!;
  for (const el of sd.snapshot?.element ?? []) {
    const b = el.binding;
    if (b?.strength !== 'required' || typeof b.valueSet !== 'string') continue;
    const codes = (el.type ?? []).map((t: { code: string }) => t.code);
    if (codes.some((c: string) => ['code', 'Coding', 'CodeableConcept'].includes(c)) && !required.has(b.valueSet)) required.set(b.valueSet, el.path);
  }
}
const decidable = [...required.keys()].filter((vs) => {
  const e = tx.expand(vs);
  return e.complete && e.contains.length > 0;
});
const undecidable = [...required.keys()].filter((vs) => !decidable.includes(vs));

describe(`R4 base: ${required.size} value sets bound as required; ${decidable.length} decidable offline, ${undecidable.length} not`, () => {
  it('most required bindings of the base specification are decidable offline', () => {
    expect(decidable.length).toBeGreaterThan(required.size * 0.8);
  });

  it(`accepts every code of the ${decidable.length} decidable value sets`, async () => {
    for (const vs of decidable) {
      for (const c of tx.expand(vs).contains) {
        const check = await tx.validateCode({ system: c.system, code: c.code, valueSet: vs });
        expect(check.outcome, `${vs} ${c.system}#${c.code}: ${check.message}`).toBe('valid');
      }
    }
  });

  it(`catches a broken code in each of the ${decidable.length} decidable value sets (Coding, code and CodeableConcept)`, async () => {
    let caught = 0;
    for (const vs of decidable) {
      const c = tx.expand(vs).contains[0]!;
      const broken = `${c.code}-x`;
      const binding = { strength: 'required', valueSet: vs };
      const location = { source: 'clone.json', expression: required.get(vs)! };
      const asCoding = await checkBinding({ value: { system: c.system, code: broken }, type: 'Coding', binding, location, tx });
      const asCode = await checkBinding({ value: broken, type: 'code', binding, location, tx });
      const asConcept = await checkBinding({ value: { coding: [{ system: c.system, code: broken }] }, type: 'CodeableConcept', binding, location, tx });
      const hit = (issues: { ruleId: string; severity: string }[]) => issues.some((i) => i.ruleId === 'terminology/binding-required' && i.severity === 'error');
      expect(hit(asCoding) && hit(asCode) && hit(asConcept), vs).toBe(true);
      caught++;
    }
    expect(caught).toBe(decidable.length);
  });

  it('knows why the rest cannot be expanded offline', () => {
    const why = Object.fromEntries(undecidable.map((vs) => [vs, tx.expand(vs).reason]));
    expect(why).toEqual({
      'http://hl7.org/fhir/ValueSet/mimetypes|4.0.1': 'too-costly', // BCP-13 grammar: syntax checked, registry needs a server
      'http://hl7.org/fhir/ValueSet/ucum-units|4.0.1': 'too-costly', // UCUM grammar: every code is judged by ucum-lhc
      'http://loinc.org/vs/LL379-9|4.0.1': 'unknown-valueset', // a LOINC answer list, not in the base package
      'http://hl7.org/fhir/ValueSet/currencies|4.0.1': 'no-server', // ISO 4217 has no CodeSystem resource
    });
  });

  it('still judges codes in the grammar-based value sets', async () => {
    expect((await tx.validateCode({ system: 'http://unitsofmeasure.org', code: 'mg/dL', valueSet: 'http://hl7.org/fhir/ValueSet/ucum-units|4.0.1' })).outcome).toBe('valid');
    expect((await tx.validateCode({ system: 'http://unitsofmeasure.org', code: 'mg/dLL', valueSet: 'http://hl7.org/fhir/ValueSet/ucum-units|4.0.1' })).outcome).toBe('invalid');
    expect((await tx.validateCode({ code: 'application/fhir+json', valueSet: 'http://hl7.org/fhir/ValueSet/mimetypes|4.0.1' })).outcome).toBe('valid');
    expect((await tx.validateCode({ code: 'application/vnd.example+json', valueSet: 'http://hl7.org/fhir/ValueSet/mimetypes|4.0.1' })).outcome).toBe('not-verified');
    expect((await tx.validateCode({ code: 'fhir+json', valueSet: 'http://hl7.org/fhir/ValueSet/mimetypes|4.0.1' })).outcome).toBe('invalid');
  });
});
