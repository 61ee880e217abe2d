// checkCodeSyntax: the offline, certain checks on identifiers and codes (NHS Number, ODS, SNOMED CT/dm+d SCTIDs,
// LOINC, UCUM), run on every Identifier, Coding and Quantity whatever the profile says.
import type { Issue, Location } from '../model/issue.js';
import { checkLoincCode } from '../rules/terminology/loinc-code.js';
import { checkUcumUnit } from '../rules/terminology/ucum-unit.js';
import { checkDmdSystemUri } from '../rules/ukcore/dmd-system-uri.js';
import { checkNhsNumber } from '../rules/ukcore/nhs-number-check-digit.js';
import { checkNhsNumberTestRange } from '../rules/ukcore/nhs-number-test-range.js';
import { checkOdsCode } from '../rules/ukcore/ods-code-format.js';
import { checkSnomedIdentifier } from '../rules/ukcore/snomed-ct-identifier.js';
import { QUANTITY_TYPES } from './check-binding.js';

export interface CheckCodeSyntaxInput {
  value: unknown;
  /** FHIR type: Identifier, Coding, Quantity (or Age, Count, Distance, Duration, SimpleQuantity). */
  type: string;
  /** `expression` is the value's FHIRPath, e.g. `Patient.identifier[0]`. */
  location: Location;
}

/** The three lists in order; nearly always all empty, and then no new list is made. */
function joined(a: Issue[], b: Issue[], c: Issue[]): Issue[] {
  return b.length === 0 && c.length === 0 ? a : [...a, ...b, ...c];
}

/**
 * Synchronous and pure. Call it once per Identifier, Coding and Quantity-family value (Codings inside a
 * CodeableConcept are visited as Codings by the walker, so CodeableConcept itself is not handled here).
 */
export function checkCodeSyntax(input: CheckCodeSyntaxInput): Issue[] {
  const v = input.value;
  if (v === null || typeof v !== 'object') return [];
  const value = v as Record<string, unknown>;
  if (input.type === 'Identifier') {
    return joined(checkNhsNumber(value, input.location), checkNhsNumberTestRange(value, input.location), checkOdsCode(value, input.location));
  }
  if (input.type === 'Coding') {
    return joined(checkDmdSystemUri(value, input.location), checkSnomedIdentifier(value, input.location), checkLoincCode(value, input.location));
  }
  if (QUANTITY_TYPES.has(input.type)) return checkUcumUnit(value, input.location);
  return [];
}
