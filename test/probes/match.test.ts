// FHIR R4 search semantics shared by the sandbox and the verifier: dates with prefixes, tokens, references, strings.
import { describe, expect, it } from 'vitest';
import { dateMatches, parseFhirDate, splitPrefix, type DatePrefix } from '../../src/probes/fhir/date-range.js';
import { invalidValueReason, matchesParam } from '../../src/probes/fhir/match.js';
import { searchParamDef } from '../../src/probes/fhir/search-params.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('parseFhirDate', () => {
  it.each([
    ['2021', '2021-01-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z', true],
    ['2021-02', '2021-02-01T00:00:00.000Z', '2021-03-01T00:00:00.000Z', true],
    ['2021-02-15', '2021-02-15T00:00:00.000Z', '2021-02-16T00:00:00.000Z', true],
    ['2021-02-15T13:50:00+01:00', '2021-02-15T12:50:00.000Z', '2021-02-15T12:50:01.000Z', false],
    ['2021-02-15T13:50:00.250Z', '2021-02-15T13:50:00.250Z', '2021-02-15T13:50:00.251Z', false],
  ])('%s → [%s, %s)', (value, lo, hi, floating) => {
    const r = parseFhirDate(value)!;
    expect([iso(r.lo), iso(r.hi), r.floating]).toEqual([lo, hi, floating]);
  });

  it.each(['2021-13', '2021-02-30', 'not-a-date', '21-01-01', '2021-01-01T25:00:00Z'])('rejects %s', (value) => {
    expect(parseFhirDate(value)).toBeUndefined();
  });

  it.each([['ge2020', 'ge', '2020'], ['2020', 'eq', '2020'], ['ap2020', 'eq', '2020'], ['eb2020-01', 'eb', '2020-01']])('splitPrefix(%s)', (v, prefix, value) => {
    expect(splitPrefix(v)).toEqual({ prefix, value });
  });
});

describe('dateMatches (search.html#prefix)', () => {
  const day = parseFhirDate('2023-06-15')!;
  it.each<[string, DatePrefix, boolean]>([
    ['2023-06-15T13:00:00Z', 'eq', true], ['2023-06-16T13:00:00Z', 'eq', false], ['2023-06-15T13:00:00Z', 'ne', false],
    ['2023-06-16T13:00:00Z', 'ge', true], ['2023-06-15T00:00:00Z', 'ge', true], ['2023-06-14T23:59:59Z', 'ge', false],
    ['2023-06-14T13:00:00Z', 'le', true], ['2023-06-16T00:00:00Z', 'le', false],
    ['2023-06-16T00:00:00Z', 'gt', true], ['2023-06-15T23:00:00Z', 'gt', false],
    ['2023-06-14T23:00:00Z', 'lt', true], ['2023-06-15T01:00:00Z', 'lt', false],
    ['2023-06-16T00:00:00Z', 'sa', true], ['2023-06-14T00:00:00Z', 'eb', true],
  ])('%s %s 2023-06-15 = %s', (target, prefix, expected) => {
    expect(dateMatches(prefix, day, parseFhirDate(target)!)).toBe(expected);
  });

  it('widens the parameter range by a slack for floating dates', () => {
    const t = parseFhirDate('2023-06-16T05:00:00+00:00')!;
    expect(dateMatches('eq', day, t)).toBe(false);
    expect(dateMatches('eq', day, t, 14 * 3600_000)).toBe(true);
  });
});

describe('matchesParam', () => {
  const patient = {
    resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1968-03-14',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }, { value: 'LOCAL-1' }],
    name: [{ family: 'Ashworth', given: ['Zoë', 'Mae'] }],
  };
  const allergy = {
    resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' }, recordedDate: '2019-12-10T13:00:00+00:00',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  };
  const statement = { resourceType: 'MedicationStatement', id: 's1', subject: { reference: 'https://srv/fhir/Patient/p1/_history/2' }, effectivePeriod: { start: '2021-02-15T13:50:00+00:00', end: '2021-05-15T13:50:00+01:00' } };

  it.each<[string, unknown, string, string, boolean, string?]>([
    ['token system|value', patient, 'identifier', 'https://fhir.nhs.uk/Id/nhs-number|9990000018', true],
    ['token value only', patient, 'identifier', '9990000018', true],
    ['token |value (system present)', patient, 'identifier', '|9990000018', false],
    ['token |value (no system)', patient, 'identifier', '|LOCAL-1', true],
    ['token wrong system', patient, 'identifier', 'https://other|9990000018', false],
    ['token system|', patient, 'identifier', 'https://fhir.nhs.uk/Id/nhs-number|', true],
    ['token OR list', patient, 'gender', 'male,female', true],
    ['code', patient, 'gender', 'male', false],
    ['CodeableConcept code', allergy, 'clinical-status', 'active', true],
    ['CodeableConcept system|code', allergy, 'clinical-status', 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical|active', true],
    ['CodeableConcept other code', allergy, 'clinical-status', 'resolved', false],
    ['reference by id', allergy, 'patient', 'p1', true],
    ['reference by Type/id', allergy, 'patient', 'Patient/p1', true],
    ['reference by absolute URL', allergy, 'patient', 'https://elsewhere/fhir/Patient/p1', true],
    ['reference other id', allergy, 'patient', 'p2', false],
    ['reference with _history', statement, 'patient', 'p1', true],
    ['string starts-with, case-insensitive', patient, 'family', 'ash', true],
    ['string not a prefix', patient, 'family', 'worth', false],
    ['string accent-insensitive', patient, 'given', 'zoe', true],
    ['string :exact', patient, 'family', 'ashworth', false, 'exact'],
    ['string :exact match', patient, 'family', 'Ashworth', true, 'exact'],
    ['string :contains', patient, 'family', 'worth', true, 'contains'],
    ['name covers given', patient, 'name', 'mae', true],
    ['date eq', patient, 'birthdate', '1968-03-14', true],
    ['date partial', patient, 'birthdate', '1968-03', true],
    ['date ge', allergy, 'date', 'ge2019-12-10', true],
    ['date lt', allergy, 'date', 'lt2019-12-10', false],
    ['period ge', statement, 'effective', 'ge2021-05-01', true],
    ['period le', statement, 'effective', 'le2021-01-01', false],
    ['period eq inside', statement, 'effective', '2021', true],
    ['_id', patient, '_id', 'p1', true],
  ])('%s', (_name, resource, param, value, expected, modifier) => {
    const r = resource as { resourceType: string };
    expect(matchesParam(resource, searchParamDef(r.resourceType, param)!, value, { modifier })).toBe(expected);
  });

  it.each([['birthdate', 'not-a-date', true], ['birthdate', 'ge2020-01-01', false], ['gender', '', true], ['gender', 'female', false]])(
    'invalidValueReason(%s=%s) is %s', (param, value, invalid) => {
      expect(invalidValueReason(searchParamDef('Patient', param)!, value) !== undefined).toBe(invalid);
    });
});
