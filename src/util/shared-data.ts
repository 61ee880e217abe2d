// The one place that knows where the read-only reference data (../shared) lives; tests and scripts use it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Root of the shared reference data: `$UKCORE_SHARED_PATH`, else `../shared` beside the project. */
export function sharedRoot(): string {
  return process.env.UKCORE_SHARED_PATH ?? path.resolve(projectRoot, '..', 'shared');
}

/** UK Core conformance resources (loose FHIR XML): `$UKCORE_IG_PATH`, else `<shared>/ukcore`. */
export function ukcoreIgPath(): string {
  return process.env.UKCORE_IG_PATH ?? path.join(sharedRoot(), 'ukcore');
}

export function sharedPath(...parts: string[]): string {
  return path.join(sharedRoot(), ...parts);
}

export function hasSharedData(): boolean {
  return existsSync(ukcoreIgPath());
}

export { projectRoot };
