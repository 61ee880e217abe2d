// The FHIR R5 definitions used to derive cross-version extensions, loaded from the FHIR package cache into their own
// Definitions: R5 resources must never shadow R4 ones (UK Core's package.json lists hl7.fhir.r5.core as a dependency).
import { Definitions } from '../packages/definitions.js';
import { loadJsonPackageFolder } from '../packages/load-json-folder.js';
import { cachedPackageDir } from '../packages/load-packages.js';

export const R5_PACKAGE = 'hl7.fhir.r5.core#5.0.0';

let cached: Definitions | null | undefined;

/** hl7.fhir.r5.core#5.0.0 from ~/.fhir/packages, or undefined when it is not there (cross-version extensions are then not verified). */
export function loadR5Definitions(): Definitions | undefined {
  if (cached === undefined) {
    const [id, version] = R5_PACKAGE.split('#') as [string, string];
    const dir = cachedPackageDir(id, version);
    try {
      cached = dir ? new Definitions([loadJsonPackageFolder(dir, R5_PACKAGE)]) : null;
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
