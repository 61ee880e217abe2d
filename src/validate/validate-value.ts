// Validates an in-memory resource (e.g. one received from a server by the probe) with the same engine as files.
import type { Issue } from '../model/issue.js';
import type { MustSupportCoverage } from '../model/result.js';
import { PositionMap } from '../parse/positions.js';
import type { Validator } from './validator.js';

/** The probe's ValidateFn over a Validator: every issue of every result (a Bundle's entries included). */
export function valueValidator(validator: Validator): (resource: Record<string, unknown>, source: string) => Promise<{ issues: Issue[]; profiles: string[]; mustSupport?: MustSupportCoverage[] }> {
  // Values received over HTTP have no file positions: issues carry FHIRPath locations only.
  const positions = new PositionMap(() => ({ line: 0, column: 0 }));
  return async (resource, source) => {
    const results = await validator.validateAsync({ value: resource, positions, source, format: 'json', issues: [] }, source);
    const issues = results.flatMap((r) => r.issues).map((i) => ({ ...i, location: { source: i.location.source, ...(i.location.expression ? { expression: i.location.expression } : {}) } }));
    const profiles = [...new Set(results.flatMap((r) => r.resource?.profiles ?? []))];
    const mustSupport = results.flatMap((r) => r.mustSupport ?? []);
    return { issues, profiles, ...(mustSupport.length ? { mustSupport } : {}) };
  };
}
