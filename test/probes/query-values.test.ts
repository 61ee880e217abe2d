// Choosing search values from the server's own data: discriminating values, date prefixes, combinations.
import { describe, expect, it } from 'vitest';
import { combinationQuery, singleParamQueries, stringPrefix } from '../../src/probes/fhir/query-values.js';
import { allergies } from '../../src/sandbox/data/allergies.js';
import { medicationStatements } from '../../src/sandbox/data/medications.js';
import { patients } from '../../src/sandbox/data/patients.js';

const mine = allergies.filter((a) => (a.patient as { reference: string }).reference === 'Patient/ukc-pat-1');

describe('singleParamQueries', () => {
  it('picks a token value that leaves some known resource out, scoped to the patient', () => {
    const [q] = singleParamQueries('AllergyIntolerance', 'clinical-status', mine, 'ukc-pat-1');
    expect(q.params).toEqual([['patient', 'ukc-pat-1'], ['clinical-status', 'active']]);
    expect(q.mustInclude).toEqual(['ukc-allergy-1']);
    expect(q.discriminating).toBe(true);
  });

  it('queries the median date with eq, ge and le', () => {
    const qs = singleParamQueries('AllergyIntolerance', 'date', mine, 'ukc-pat-1');
    expect(qs.map((q) => q.params[1])).toEqual([['date', '2019-12-10'], ['date', 'ge2019-12-10'], ['date', 'le2019-12-10']]);
    expect(qs.map((q) => q.mustInclude)).toEqual([['ukc-allergy-1'], ['ukc-allergy-1', 'ukc-allergy-3'], ['ukc-allergy-1', 'ukc-allergy-2']]);
    expect(qs.every((q) => q.discriminating)).toBe(true);
  });

  it('does not require a period to lie within a single day', () => {
    const qs = singleParamQueries('MedicationStatement', 'effective', medicationStatements, 'ukc-pat-1');
    const eq = qs.find((q) => !/^(ge|le)/.test(q.params[1][1]))!;
    expect(eq.mustInclude).not.toContain('ukc-medstat-1');
  });

  it('uses the NHS Number for identifier, a lower-case prefix for strings, and the id for _id', () => {
    const seed = [patients[0]];
    expect(singleParamQueries('Patient', 'identifier', seed)[0].params).toEqual([['identifier', 'https://fhir.nhs.uk/Id/nhs-number|9990000018']]);
    expect(singleParamQueries('Patient', 'family', seed)[0].params).toEqual([['family', 'ashwo']]);
    expect(singleParamQueries('Patient', '_id', seed)[0]).toMatchObject({ params: [['_id', 'ukc-pat-1']], mustInclude: ['ukc-pat-1'] });
  });

  it('returns nothing for an unknown parameter or when no resource has a value', () => {
    expect(singleParamQueries('Patient', 'no-such-param', patients)).toEqual([]);
    expect(singleParamQueries('AllergyIntolerance', 'last-date', [allergies[2]], 'ukc-pat-1')).toEqual([]);
  });

  it.each([['ASHWORTH', 'ashwo'], ['Li', 'li'], ['Olivia', 'oliv']])('stringPrefix(%s) = %s', (s, p) => {
    expect(stringPrefix(s)).toBe(p);
  });
});

describe('combinationQuery', () => {
  it('takes every value from one known resource', () => {
    const q = combinationQuery('Patient', ['birthdate', 'family'], [patients[1]])!;
    expect(q.params).toEqual([['birthdate', '1975-11-02'], ['family', 'ash']]);
    expect(q.mustInclude).toEqual(['ukc-pat-2']);
  });

  it('uses ge for a date the resource does not lie within', () => {
    const q = combinationQuery('MedicationStatement', ['patient', 'effective'], medicationStatements, 'ukc-pat-1')!;
    expect(q.params).toEqual([['patient', 'ukc-pat-1'], ['effective', 'ge2021-02-15']]);
    expect(q.mustInclude).toContain('ukc-medstat-1');
  });

  it('is undefined when no resource has values for every parameter', () => {
    expect(combinationQuery('AllergyIntolerance', ['patient', 'last-date'], [allergies[2]], 'ukc-pat-1')).toBeUndefined();
    expect(combinationQuery('Patient', ['unknown', 'family'], patients)).toBeUndefined();
  });
});
