// Locates hl7.terminology.r4#7.0.1 for tests: a tarball at $UKCORE_TX_PACKAGE (extracted to a temp folder) or the
// FHIR package cache (~/.fhir/packages/hl7.terminology.r4#7.0.1). Tests skip, saying why, when neither exists.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { loadJsonPackageFolder } from '../../src/packages/load-json-folder.js';
import type { LoadedPackage } from '../../src/packages/package-types.js';
import { fhirPackageCache } from '../../src/util/cache-dir.js';

export const THO = 'hl7.terminology.r4#7.0.1';

/** `cleanup` removes the temporary extraction (call it from afterAll). */
export function findThoPackage(): { pkg?: LoadedPackage; skipReason: string; cleanup: () => void } {
  const none = () => undefined;
  const tgz = process.env.UKCORE_TX_PACKAGE;
  if (tgz && existsSync(tgz)) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ukcore-tho-'));
    tar.x({ file: tgz, cwd: dir, sync: true, strict: true });
    return { pkg: loadJsonPackageFolder(path.join(dir, 'package'), tgz), skipReason: '', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const cached = path.join(fhirPackageCache(), THO, 'package');
  if (existsSync(path.join(cached, 'package.json'))) return { pkg: loadJsonPackageFolder(cached, THO), skipReason: '', cleanup: none };
  return {
    cleanup: none,
    skipReason: `${THO} not available: set UKCORE_TX_PACKAGE to its .tgz (cd /tmp && npm pack hl7.terminology.r4@7.0.1) or install it into ${path.join(fhirPackageCache(), THO)}`,
  };
}
