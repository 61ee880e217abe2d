// The UK Core examples that are genuinely wrong, with the error ids they must produce and why: shared by the
// conformance tests, so a pin is written (and reviewed) once.
import path from 'node:path';
import type { Report } from '../../src/model/report.js';

export interface Pin {
  ids: string[];
  why: string;
}

/** Wrong against base R4 (and so against UK Core too). */
export const UKCORE_BASE_PINS: Record<string, Pin> = {
  'Extension-UKCore-ConditionEpisode-Example.xml': { ids: ['structure/cardinality/tooMany'], why: 'two value[x] in one extension (see shared/README.md)' },
  'Extension-UKCore-CodingSCT-IllicitDrugs-Example.xml': { ids: ['structure/xml-element-order/outOfOrder'], why: '<text> after <status>: XML element order is fixed by the definition' },
  'UKCore-Observation-Lab-Albumin-Example.xml': { ids: ['structure/xml-element-order/outOfOrder'], why: '<text> before <meta>' },
  'UKCore-Questionnaire-EOLPlan-Example.xml': { ids: ['structure/xml-element-order/outOfOrder'], why: 'item <extension> after <linkId>' },
  'UKCore-Bundle-NEWS2Observations-Example.xml': { ids: ['bundle/full-url/notAbsolute'], why: "fullUrl 'Observation/…' is relative; Bundle.entry.fullUrl is an absolute URL" },
  'UKCore-MedicationDispense-Amoxicillin-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: 'reference is a bare id, not Type/id' },
  'UKCore-MedicationDispense-CiprofloxacinIV-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: 'reference is a bare id, not Type/id' },
  'UKCore-MedicationDispense-CiprofloxacinOral-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: 'reference is a bare id, not Type/id' },
  'UKCore-Patient-BabyPatient-Example.xml': { ids: ['ukcore/nhs-number-check-digit/badCheckDigit'], why: 'NHS Number 9912003890 fails the Modulus 11 check (valid per UK Core, see shared/README.md)' },
  'UKCore-Provenance-RARecordConsent-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: "reference 'Organization/https://…' is not Type/id" },
};

/** Additionally wrong against the UK Core definitions. */
export const UKCORE_PROFILE_PINS: Record<string, Pin> = {
  ...UKCORE_BASE_PINS,
  'Extension-UKCore-ConditionEpisode-Example.xml': { ids: ['extension/value-type/wrongType', 'structure/cardinality/tooMany'], why: 'two value[x] in one extension; the definition allows CodeableConcept only' },
  'Extension-UKCore-RecordingSetting-Example.xml': { ids: ['extension/unknown/unknownPackageExtension'], why: "misspelt extension URL 'Extension-UKCore-RcordingSetting' in UK Core's own namespace" },
};

/** Error ids per file name (`ruleId/messageId`), failing loudly on any fatal issue. */
export function errorsByFile(report: Report): Record<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const r of report.results) {
    for (const i of r.issues) {
      if (i.severity === 'fatal') throw new Error(`${r.target}: fatal ${i.ruleId} ${i.message}`);
      if (i.severity !== 'error') continue;
      const file = path.basename(r.target.split('#')[0]!);
      if (!found.has(file)) found.set(file, new Set());
      found.get(file)!.add(`${i.ruleId}/${i.messageId}`);
    }
  }
  return Object.fromEntries([...found].map(([f, s]) => [f, [...s].sort()]));
}

export function expectedErrors(pins: Record<string, Pin>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(pins).map(([f, v]) => [f, [...v.ids].sort()]));
}
