// Display comparison for Coding.display (https://hl7.org/fhir/R4/datatypes.html#Coding): a display must be one of
// the code's displays or designations; case and runs of whitespace are not significant (as in the HL7 validator).

export function normaliseDisplay(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function displayMatches(display: string, known: readonly string[]): boolean {
  const d = normaliseDisplay(display);
  return known.some((k) => normaliseDisplay(k) === d);
}
