// Clone-and-break suite over UK Core: valid seeds written for this project (fixtures/profile/ukcore, modelled on the UK
// Core examples) for 33 profiles, each case breaking exactly one constraint that the UK Core differential (or an extension
// it uses) adds, and asserting the issue by ruleId, messageId, elementId and FHIRPath location. Prints the catch rate.
// UK Core sets no pattern[x], maxLength or min/maxValue: those kinds are covered by profile-validation.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { hasSharedData } from '../../src/util/shared-data.js';
import { loadR5Definitions } from '../../src/profile/r5-definitions.js';
import { ProfileHarness, describe as show } from './support/harness.js';
import { FIXTURES, ukcoreDefinitions } from './support/defs.js';
import { expectIssues, type Expected } from './support/expect-issues.js';

const UK = 'https://fhir.hl7.org.uk/StructureDefinition/';
const R5 = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-';

/** Seed file → the UK Core profile it is valid against. */
const SEEDS: Record<string, string> = {
  'patient': 'UKCore-Patient',
  'organization': 'UKCore-Organization',
  'location': 'UKCore-Location',
  'allergyintolerance': 'UKCore-AllergyIntolerance',
  'medication': 'UKCore-Medication',
  'medicationrequest': 'UKCore-MedicationRequest',
  'medicationstatement': 'UKCore-MedicationStatement',
  'immunization': 'UKCore-Immunization',
  'specimen': 'UKCore-Specimen',
  'diagnosticreport': 'UKCore-DiagnosticReport',
  'diagnosticreport-lab': 'UKCore-DiagnosticReport-Lab',
  'familymemberhistory': 'UKCore-FamilyMemberHistory',
  'condition': 'UKCore-Condition',
  'encounter': 'UKCore-Encounter',
  'observation': 'UKCore-Observation',
  'observation-lab': 'UKCore-Observation-Lab',
  'observation-group-lab': 'UKCore-Observation-Group-Lab',
  'observation-acvpu': 'UKCore-Observation-ACVPU',
  'observation-alcoholconsumption': 'UKCore-Observation-AlcoholConsumption',
  'observation-averagebloodpressure': 'UKCore-Observation-AverageBloodPressure',
  'observation-bloodglucose': 'UKCore-Observation-BloodGlucose',
  'observation-earlywarningtotalscore': 'UKCore-Observation-EarlyWarningTotalScore',
  'observation-inspiredoxygen': 'UKCore-Observation-InspiredOxygen',
  'observation-tobaccoconsumption': 'UKCore-Observation-TobaccoConsumption',
  'observation-bloodpressure': 'UKCore-Observation-VitalSigns-BloodPressure',
  'observation-bmi': 'UKCore-Observation-VitalSigns-BMI',
  'observation-bodyheight': 'UKCore-Observation-VitalSigns-BodyHeight',
  'observation-bodytemperature': 'UKCore-Observation-VitalSigns-BodyTemperature',
  'observation-bodyweight': 'UKCore-Observation-VitalSigns-BodyWeight',
  'observation-headcircumference': 'UKCore-Observation-VitalSigns-HeadCircumference',
  'observation-heartrate': 'UKCore-Observation-VitalSigns-HeartRate',
  'observation-oxygensaturation': 'UKCore-Observation-VitalSigns-OxygenSaturation',
  'observation-respirationrate': 'UKCore-Observation-VitalSigns-RespirationRate',
};

type Kind = 'cardinality' | 'slice cardinality' | 'closed slicing' | 'fixed value' | 'choice type' | 'target profile' | 'invariant'
  | 'extension value type' | 'extension context' | 'sub-extension' | 'unknown extension' | 'cross-version extension';

interface Case {
  seed: keyof typeof SEEDS;
  kind: Kind;
  name: string;
  change: (r: any) => void;
  expected: Expected[];
}


const CASES: Case[] = [
  // Patient
  { seed: 'patient', kind: 'cardinality', name: 'NHS Number identifier without a value',
    change: (r) => delete r.identifier[0].value,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Patient.identifier:nhsNumber.value', expression: 'Patient.identifier[0]' }] },
  { seed: 'patient', kind: 'slice cardinality', name: 'two ethnic categories (slice max 1)',
    change: (r) => r.extension.push(structuredClone(r.extension[0])),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooMany', elementId: 'Patient.extension:ethnicCategory', expression: 'Patient.extension[3]' }] },
  { seed: 'patient', kind: 'extension value type', name: 'ethnic category as a string',
    change: (r) => (r.extension[0] = { url: `${UK}Extension-UKCore-EthnicCategory`, valueString: 'A' }),
    expected: [{ ruleId: 'extension/value-type', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'Patient.extension[0].value.ofType(string)' }] },
  { seed: 'patient', kind: 'sub-extension', name: 'contact preference with an undefined sub-extension',
    change: (r) => r.extension[1].extension.push({ url: 'PreferredContactDay', valueString: 'Tuesday' }),
    expected: [{ ruleId: 'extension/unknown', messageId: 'unknownSubExtension', elementId: 'Extension.extension', expression: 'Patient.extension[1].extension[2]' }] },
  { seed: 'patient', kind: 'extension context', name: 'NHS Number verification status on the name',
    change: (r) => (r.name[0].extension = r.identifier[0].extension),
    expected: [{ ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Patient.name[0].extension[0]' }] },
  { seed: 'patient', kind: 'extension value type', name: 'birth time (on a primitive) as a date',
    change: (r) => (r._birthDate.extension[0] = { url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDate: '1988-04-17' }),
    expected: [{ ruleId: 'extension/value-type', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'Patient.birthDate.extension[0].value.ofType(date)' }] },
  // Organization, Location
  { seed: 'organization', kind: 'cardinality', name: 'ODS organisation code without a value',
    change: (r) => delete r.identifier[0].value,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Organization.identifier:odsOrganisationCode.value', expression: 'Organization.identifier[0]' }] },
  { seed: 'location', kind: 'cardinality', name: 'ODS site code without a value',
    change: (r) => delete r.identifier[0].value,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Location.identifier:odsSiteCode.value', expression: 'Location.identifier[0]' }] },
  // Medication family, allergies, immunisation
  { seed: 'allergyintolerance', kind: 'cardinality', name: 'allergy without a code',
    change: (r) => delete r.code,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'AllergyIntolerance.code', expression: 'AllergyIntolerance' }] },
  { seed: 'medication', kind: 'cardinality', name: 'medication without a code',
    change: (r) => delete r.code,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Medication.code', expression: 'Medication' }] },
  { seed: 'medicationrequest', kind: 'cardinality', name: 'medication request without substitution',
    change: (r) => delete r.substitution,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'MedicationRequest.substitution', expression: 'MedicationRequest' }] },
  { seed: 'medicationstatement', kind: 'cardinality', name: 'medication statement identifier without a system',
    change: (r) => delete r.identifier[0].system,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'MedicationStatement.identifier.system', expression: 'MedicationStatement.identifier[0]' }] },
  { seed: 'immunization', kind: 'invariant', name: 'not-done immunisation without a reason (ukcore-imm-001)',
    change: (r) => (r.status = 'not-done'),
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Immunization', expression: 'Immunization' }] },
  // Specimen, reports
  { seed: 'specimen', kind: 'invariant', name: 'collector both as reference and R5 extension (ukcore-spec-001)',
    change: (r) => (r.collection.collector.extension = [{ url: `${R5}Specimen.collection.collector`, valueReference: { reference: 'Patient/seed-patient' } }]),
    expected: [
      { ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Specimen.collection', expression: 'Specimen.collection' },
      // UK Core's own definition of this URL (Extension-UKCore-SpecimenCollectionCollector) sets its context to
      // Specimen.collection, while ukcore-spec-001 looks for it on collector: the one break shows both.
      { ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Specimen.collection.collector.extension[0]' },
    ] },
  { seed: 'diagnosticreport', kind: 'invariant', name: 'media link both as reference and R5 extension (ukcore-diag-lab-002)',
    change: (r) => (r.media[0].extension = [{ url: `${R5}DiagnosticReport.media.link`, valueReference: { reference: 'DocumentReference/seed-doc' } }]),
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'DiagnosticReport', expression: 'DiagnosticReport' }] },
  { seed: 'diagnosticreport', kind: 'target profile', name: 'R5 composition extension pointing at an Observation',
    change: (r) => (r.extension = [{ url: `${R5}DiagnosticReport.composition`, valueReference: { reference: 'Observation/seed-observation' } }]),
    expected: [{ ruleId: 'profile/target-profile', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'DiagnosticReport.extension[0].value.ofType(Reference).reference' }] },
  { seed: 'diagnosticreport-lab', kind: 'slice cardinality', name: 'lab report without the LAB category',
    change: (r) => (r.category[0].coding[0].code = 'RAD'),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'DiagnosticReport.category:laboratory', expression: 'DiagnosticReport' }] },
  { seed: 'familymemberhistory', kind: 'cross-version extension', name: 'R5 participant without its required actor',
    change: (r) => r.extension[0].extension.pop(),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Extension.extension:actor', expression: 'FamilyMemberHistory.extension[0]', profile: `${R5}FamilyMemberHistory.participant` }] },
  { seed: 'condition', kind: 'extension value type', name: 'condition episode as a code',
    change: (r) => (r.extension[0] = { url: `${UK}Extension-UKCore-ConditionEpisode`, valueCode: 'first' }),
    expected: [{ ruleId: 'extension/value-type', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'Condition.extension[0].value.ofType(code)' }] },
  { seed: 'encounter', kind: 'unknown extension', name: 'misspelt UK Core extension URL',
    change: (r) => (r.extension[0].url = `${UK}Extension-UKCore-OutcomeOfAtendance`),
    expected: [{ ruleId: 'extension/unknown', messageId: 'unknownPackageExtension', elementId: undefined, expression: 'Encounter.extension[0]', severity: 'error' }] },
  { seed: 'encounter', kind: 'extension context', name: 'encounter-only extension on a Condition-style element (period)',
    change: (r) => (r.period.extension = r.extension),
    expected: [{ ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Encounter.period.extension[0]' }] },
  // Observation family
  { seed: 'observation', kind: 'cross-version extension', name: 'R5 triggeredBy without its required type',
    change: (r) => r.extension[0].extension.pop(),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Extension.extension:type', expression: 'Observation.extension[0]', profile: `${R5}Observation.triggeredBy` }] },
  { seed: 'observation', kind: 'target profile', name: 'R5 bodyStructure pointing at a Patient',
    change: (r) => (r.extension[1].valueReference.reference = 'Patient/seed-patient'),
    expected: [{ ruleId: 'profile/target-profile', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'Observation.extension[1].value.ofType(Reference).reference' }] },
  { seed: 'observation-lab', kind: 'slice cardinality', name: 'lab result without the laboratory category',
    change: (r) => (r.category[0].coding[0].code = 'exam'),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Observation.category:laboratory', expression: 'Observation' }] },
  { seed: 'observation-lab', kind: 'invariant', name: 'lab result with no value, absent reason or note (ukcore-obs-lab-001)',
    change: (r) => delete r.valueQuantity,
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation', expression: 'Observation', severity: 'warning' }] },
  { seed: 'observation-group-lab', kind: 'invariant', name: 'group lab result with a value (ukcore-obs-grplab-001)',
    change: (r) => (r.valueString = 'normal'),
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation', expression: 'Observation', severity: 'warning' }] },
  { seed: 'observation-acvpu', kind: 'choice type', name: 'ACVPU as a Quantity',
    change: (r) => { delete r.valueCodeableConcept; r.valueQuantity = { value: 1 }; },
    expected: [{ ruleId: 'profile/type-not-allowed', messageId: 'choiceType', elementId: 'Observation.value[x]', expression: 'Observation.value.ofType(Quantity)' }] },
  { seed: 'observation-acvpu', kind: 'cardinality', name: 'ACVPU with a component (max 0)',
    change: (r) => (r.component = [{ code: { text: 'part' }, valueString: 'x' }]),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'prohibited', elementId: 'Observation.component', expression: 'Observation.component[0]' }] },
  { seed: 'observation-acvpu', kind: 'fixed value', name: 'ACVPU code not the fixed SNOMED code',
    change: (r) => (r.code.coding[0].code = '1104431000000106'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.code.coding.code', expression: 'Observation.code.coding[0].code' }] },
  { seed: 'observation-alcoholconsumption', kind: 'fixed value', name: 'alcohol consumption category not social-history',
    change: (r) => (r.category[0].coding[0].code = 'exam'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.category.coding.code', expression: 'Observation.category[0].coding[0].code' }] },
  { seed: 'observation-averagebloodpressure', kind: 'cardinality', name: 'average blood pressure with a value (max 0)',
    change: (r) => (r.valueQuantity = { value: 100, unit: 'millimeter of mercury', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'prohibited', elementId: 'Observation.value[x]', expression: 'Observation.value.ofType(Quantity)' }] },
  { seed: 'observation-averagebloodpressure', kind: 'slice cardinality', name: 'average blood pressure without the systolic component',
    change: (r) => r.component.shift(),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Observation.component:SystolicBP', expression: 'Observation' }] },
  { seed: 'observation-bloodglucose', kind: 'fixed value', name: 'blood glucose in mg/dL',
    change: (r) => (r.valueQuantity.code = 'mg/dL'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.value[x].code', expression: 'Observation.value.ofType(Quantity).code' }] },
  { seed: 'observation-earlywarningtotalscore', kind: 'fixed value', name: 'NEWS2 score with another unit code',
    change: (r) => (r.valueQuantity.code = '{score}'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.value[x].code', expression: 'Observation.value.ofType(Quantity).code' }] },
  { seed: 'observation-inspiredoxygen', kind: 'cardinality', name: 'inspired oxygen with an interpretation (max 0)',
    change: (r) => (r.interpretation = [{ text: 'normal' }]),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'prohibited', elementId: 'Observation.interpretation', expression: 'Observation.interpretation[0]' }] },
  { seed: 'observation-tobaccoconsumption', kind: 'choice type', name: 'tobacco consumption as a string',
    change: (r) => { delete r.valueQuantity; r.valueString = '10 a day'; },
    expected: [{ ruleId: 'profile/type-not-allowed', messageId: 'choiceType', elementId: 'Observation.value[x]', expression: 'Observation.value.ofType(string)' }] },
  { seed: 'observation-bloodpressure', kind: 'closed slicing', name: 'blood pressure with a mean arterial pressure component',
    change: (r) => (r.component[1].code = { coding: [{ system: 'http://snomed.info/sct', code: '6797001' }, { system: 'http://loinc.org', code: '8478-0' }], text: 'Mean blood pressure' }),
    expected: [{ ruleId: 'profile/slicing', messageId: 'notInClosedSlice', elementId: 'Observation.component', expression: 'Observation.component[1]' }] },
  { seed: 'observation-bloodpressure', kind: 'fixed value', name: 'systolic pressure in mmHg rather than mm[Hg]',
    change: (r) => (r.component[0].valueQuantity.code = 'mmHg'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.component:SystolicBP.value[x].code', expression: 'Observation.component[0].value.ofType(Quantity).code' }] },
  { seed: 'observation-bloodpressure', kind: 'slice cardinality', name: 'blood pressure code without its SNOMED CT coding',
    change: (r) => r.code.coding.shift(),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Observation.code.coding:snomedCT', expression: 'Observation.code' }] },
  { seed: 'observation-bmi', kind: 'cardinality', name: 'BMI value without its unit system',
    change: (r) => delete r.valueQuantity.system,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Observation.value[x].system', expression: 'Observation.value.ofType(Quantity)' }] },
  { seed: 'observation-bodyheight', kind: 'cardinality', name: 'body height with two categories (max 1)',
    change: (r) => r.category.push(structuredClone(r.category[0])),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooMany', elementId: 'Observation.category', expression: 'Observation.category[1]' }] },
  { seed: 'observation-bodytemperature', kind: 'fixed value', name: 'body temperature in Fahrenheit',
    change: (r) => (r.valueQuantity.code = '[degF]'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.value[x].code', expression: 'Observation.value.ofType(Quantity).code' }] },
  { seed: 'observation-bodyweight', kind: 'choice type', name: 'body weight as a string',
    change: (r) => { delete r.valueQuantity; r.valueString = '72 kg'; },
    expected: [{ ruleId: 'profile/type-not-allowed', messageId: 'choiceType', elementId: 'Observation.value[x]', expression: 'Observation.value.ofType(string)' }] },
  { seed: 'observation-headcircumference', kind: 'fixed value', name: 'head circumference with another LOINC code',
    change: (r) => (r.code.coding[1].code = '8287-5'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.code.coding:loinc.code', expression: 'Observation.code.coding[1].code' }] },
  { seed: 'observation-heartrate', kind: 'fixed value', name: 'preliminary heart rate (status fixed final)',
    change: (r) => (r.status = 'preliminary'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.status', expression: 'Observation.status' }] },
  { seed: 'observation-oxygensaturation', kind: 'cardinality', name: 'oxygen saturation without an effective time',
    change: (r) => delete r.effectiveDateTime,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Observation.effective[x]', expression: 'Observation' }] },
  { seed: 'observation-respirationrate', kind: 'cardinality', name: 'respiration rate without a subject',
    change: (r) => delete r.subject,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Observation.subject', expression: 'Observation' }] },
  { seed: 'observation-respirationrate', kind: 'invariant', name: 'vital sign without a LOINC coding (ukcore-obs-vs-001)',
    change: (r) => (r.code.coding[1].system = 'http://example.org/codes'),
    expected: [
      { ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation', expression: 'Observation' },
      // The same fact, from the loinc slice's min 1: both are what UK Core says.
      { ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Observation.code.coding:loinc', expression: 'Observation.code' },
    ] },
];

function seed(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'ukcore', `${name}.json`), 'utf8'));
}

describe.skipIf(!hasSharedData() || !loadR5Definitions())('UK Core clone-and-break', () => {
  let h: ProfileHarness;
  const results: Array<{ c: Case; caught: boolean; issues: Issue[] }> = [];
  beforeAll(() => {
    h = new ProfileHarness(ukcoreDefinitions());
  });

  const check = (c: Case) => {
    const r = seed(c.seed);
    c.change(r);
    return h.check(r, [`${UK}${SEEDS[c.seed]}`]).all;
  };

  it.each(Object.keys(SEEDS))('seed %s is valid against its profile', (name) => {
    const out = h.check(seed(name), [`${UK}${SEEDS[name]}`]).all;
    // UKCore-Observation-Lab's two code.coding slices are both typed Coding: a profile defect, reported as a warning.
    const tolerated = (i: Issue) => i.ruleId === 'profile/slicing' && i.messageId === 'matchesMultiple';
    expect(out.filter((i) => i.severity !== 'information' && !tolerated(i)).map(show)).toEqual([]);
  });

  it.each(CASES.map((c) => [`${SEEDS[c.seed]}: ${c.name}`, c] as const))('%s', (_n, c) => {
    const issues = check(c);
    let caught = true;
    try {
      expectIssues(issues.filter((i) => !(i.ruleId === 'profile/slicing' && i.messageId === 'matchesMultiple')), c.expected);
    } catch (e) {
      caught = false;
      throw e;
    } finally {
      results.push({ c, caught, issues });
    }
  });

  it('covers at least 20 profiles and every UK Core constraint kind', () => {
    const profiles = new Set(CASES.map((c) => SEEDS[c.seed]));
    expect(profiles.size).toBeGreaterThanOrEqual(20);
    expect(new Set(CASES.map((c) => c.kind)).size).toBe(12);
  });

  afterAll(() => {
    const caught = results.filter((r) => r.caught).length;
    const profiles = new Set(results.map((r) => SEEDS[r.c.seed])).size;
    const kinds = new Map<string, number>();
    for (const r of results) kinds.set(r.c.kind, (kinds.get(r.c.kind) ?? 0) + 1);
    console.log(`UK Core clone-and-break: ${results.length} cases across ${profiles} profiles, caught ${caught}/${results.length} `
      + `(${results.length ? ((100 * caught) / results.length).toFixed(1) : '0'}%), each at the expected element and location; kinds: `
      + [...kinds].map(([k, n]) => `${k} ${n}`).join(', '));
  });
});
