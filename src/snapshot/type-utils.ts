// Small facts about ElementDefinition.type used while constraining: effective codes, choice names, fixed[x] types.
// See https://hl7.org/fhir/R4/elementdefinition.html#ElementDefinition.type

import { PRIMITIVE_TYPES } from '../structure/element-tree.js';

export const FHIR_SD_BASE = 'http://hl7.org/fhir/StructureDefinition/';
const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

/** The FHIR type a type entry stands for (System.String on `Extension.url` is really `uri`). */
export function effectiveCode(t: Record<string, any>): string {
  const code = String(t?.code ?? '');
  if (code.startsWith('http://hl7.org/fhirpath/System.') && Array.isArray(t.extension)) {
    const ext = t.extension.find((e: any) => e?.url === FHIR_TYPE_EXT);
    const v = ext?.valueUrl ?? ext?.valueUri;
    if (typeof v === 'string') return v;
  }
  return code;
}

/** Canonical URL of a type code (`Quantity` → the core definition; logical-model codes are already URLs). */
export function typeUrl(code: string): string {
  return code.includes(':') ? code : FHIR_SD_BASE + code;
}

/** For `fixedDateTime`/`patternCodeableConcept`: the type code the suffix names (`dateTime`, `CodeableConcept`). */
export function typeOfValueKey(key: string, prefix: string): string {
  const suffix = key.slice(prefix.length);
  const lower = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return PRIMITIVE_TYPES.has(lower) ? lower : suffix;
}

/** Keys of an element that carry a value of a choice property such as `fixed[x]` (`fixedUri`, not `_fixedUri`). */
export function valueKeys(el: Record<string, any>, prefix: string): string[] {
  return Object.keys(el).filter((k) => k.startsWith(prefix) && k.length > prefix.length && /[A-Z]/.test(k.charAt(prefix.length)));
}

/** Types a binding can apply to (the HL7 generator drops a binding left on any other type). */
const BINDABLE = new Set(['code', 'Coding', 'CodeableConcept', 'Quantity', 'uri', 'string', 'CodeableReference']);

export function hasBindableType(el: Record<string, any>): boolean {
  const types: any[] = Array.isArray(el.type) ? el.type : [];
  return types.length === 0 || types.some((t) => BINDABLE.has(effectiveCode(t)));
}

/** `extension` / `modifierExtension` elements, and the root of an Extension definition. */
export function isExtensionName(name: string): boolean {
  return name === 'extension' || name === 'modifierExtension';
}

/** Deterministic deep equality for JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as any)[k], (b as any)[k]));
}
