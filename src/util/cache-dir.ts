// Where derived data (package indexes, converted XML, generated snapshots) is cached between runs.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `$UKCORE_CHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/ukcore-check`, else `~/.cache/ukcore-check`. */
export function cacheRoot(): string {
  if (process.env.UKCORE_CHECK_CACHE_DIR) return process.env.UKCORE_CHECK_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(xdg, 'ukcore-check');
}

/** Ensures and returns a sub-folder of the cache; returns undefined if the cache cannot be written. */
export function cacheDir(...parts: string[]): string | undefined {
  const dir = path.join(cacheRoot(), ...parts);
  try {
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch {
    return undefined;
  }
}

/** The FHIR package cache (https://confluence.hl7.org/display/FHIR/FHIR+Package+Cache): `$FHIR_PACKAGE_CACHE` or `~/.fhir/packages`. */
export function fhirPackageCache(): string {
  return process.env.FHIR_PACKAGE_CACHE ?? path.join(os.homedir(), '.fhir', 'packages');
}
