// UK Core content (../shared/ukcore, FHIR XML) with THO and the R4 base: its value sets expand or say why not, every
// locally decidable one catches a broken code, and the 215 examples pass the terminology checks offline.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/inputs/read-input.js';
import { Definitions } from '../../src/packages/definitions.js';
import { loadPackages } from '../../src/packages/load-packages.js';
import { StructureXmlSchema } from '../../src/structure/xml-schema-adapter.js';
import { hasSharedData, ukcoreIgPath } from '../../src/util/shared-data.js';
import { Validator } from '../../src/validate/validator.js';
import { checkBinding } from '../../src/terminology/check-binding.js';
import { createSyncTerminologyHook } from '../../src/terminology/element-hook.js';
import { LocalTerminology } from '../../src/terminology/local.js';
import { THO } from './tho-package.js';

function setUp() {
  const set = loadPackages([ukcoreIgPath()], { optional: [THO] });
  // NOTE: UK Core depends on hl7.fhir.r5.core (for cross-version extensions); loaded before the R4 base it would
  // shadow R4 definitions such as StructureDefinition/Encounter, so it is left out here.
  const defs = new Definitions(set.packages.filter((p) => p.id !== 'hl7.fhir.r5.core'));
  const tx = new LocalTerminology(defs);
  const ukcore = set.packages[0]!;
  const valueSets = ukcore.entries.filter((e) => e.resourceType === 'ValueSet').map((e) => ({ url: e.url!, exp: tx.expand(e.url!) }));
  return { defs, tx, valueSets, local: valueSets.filter((v) => v.exp.complete && v.exp.contains.length > 0) };
}
const ctx = hasSharedData() ? setUp() : undefined;

describe.skipIf(!ctx)(`UK Core terminology${ctx ? '' : ' — skipped: ../shared/ukcore not found (set UKCORE_IG_PATH)'}`, () => {
  const { defs, tx, valueSets, local } = ctx ?? { defs: undefined!, tx: undefined!, valueSets: [], local: [] };

  it(`${local.length} of ${valueSets.length} UK Core value sets are decidable offline; the others need code systems that are not local (SNOMED CT, dm+d, NHS England, not-present content)`, () => {
    const others = valueSets.filter((v) => !local.includes(v));
    for (const v of others) {
      expect(v.exp.reason, v.url).toBe('no-server');
    }
  });

  it(`catches a broken code under each of the ${local.length} decidable value sets (100%)`, async () => {
    let caught = 0;
    for (const { url, exp } of local) {
      for (const c of exp.contains) expect(tx.validateCodeSync({ system: c.system, code: c.code, valueSet: url }).outcome, `${url} ${c.code}`).toBe('valid');
      const c = exp.contains[0]!;
      const issues = await checkBinding({ value: { coding: [{ system: c.system, code: `${c.code}X` }] }, type: 'CodeableConcept', binding: { strength: 'required', valueSet: url }, location: { source: 'clone', expression: 'X.code' }, tx });
      if (issues.some((i) => i.ruleId === 'terminology/binding-required')) caught++;
    }
    expect(caught).toBe(local.length);
  });

  describe('the UK Core examples, with base-resource bindings and UK identifier rules', () => {
    const validator = new Validator(defs, { elementHooks: [createSyncTerminologyHook(tx)] });
    const xmlSchema = new StructureXmlSchema(validator.structures);
    const dir = path.join(ukcoreIgPath(), 'examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
    const findings = files.flatMap((f) => {
      const unit = parseDocument(readFileSync(path.join(dir, f)), f, 'xml', xmlSchema);
      return unit.parsed ? validator.validate(unit.parsed, f).flatMap((r) => r.issues).filter((i) => /^(terminology|ukcore)\//.test(i.ruleId)) : [];
    });
    const notVerified = findings.filter((i) => i.ruleId === 'terminology/binding-not-verified');

    it(`checks all ${files.length} examples: the only error is the known bad NHS Number; ${notVerified.length} bindings not verified`, () => {
      expect(files.length).toBe(215);
      const errors = findings.filter((i) => i.severity === 'error' || i.severity === 'fatal');
      expect(errors.map((i) => `${i.location.source} ${i.ruleId}/${i.messageId} ${i.location.expression}`)).toEqual([
        'UKCore-Patient-BabyPatient-Example.xml ukcore/nhs-number-check-digit/badCheckDigit Patient.identifier[0].value',
      ]);
    });

    it('warns about the trailing-slash dm+d system seen in the examples', () => {
      expect(findings.filter((i) => i.ruleId === 'ukcore/dmd-system-uri').map((i) => i.location.source)).toEqual(['UKCore-Medication-Sn-Amoxicillin-Example.xml']);
    });

    it('names a value set and a reason in every not-verified binding', () => {
      for (const i of notVerified) {
        expect(i.data?.valueSet).toBeTruthy();
        expect(i.data?.reason).toBeTruthy();
      }
    });
  });
});
