// What every parser (JSON, XML, NDJSON) produces: FHIR JSON values with their positions, or parse issues.
import type { Issue } from '../model/issue.js';
import type { PositionMap } from './positions.js';

export type Format = 'json' | 'xml' | 'ndjson';

/** One resource read from an input: the FHIR JSON representation plus where each part was written. */
export interface ParsedResource {
  /** The FHIR JSON form (https://hl7.org/fhir/R4/json.html), whatever the input syntax was. */
  value: Record<string, unknown>;
  positions: PositionMap;
  /** Display name of the input: file path, or `file.ndjson:12` for NDJSON lines. */
  source: string;
  format: Format;
  /** Issues found while reading (JSON syntax rules, XML-only rules such as element order). */
  issues: Issue[];
}

/** Result of reading one input unit: zero or more resources, plus fatal issues if it could not be read. */
export interface ParseOutcome {
  resources: ParsedResource[];
  issues: Issue[];
}
