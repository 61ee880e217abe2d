// Test helper: Definitions over the R4 base package plus in-memory resources (fixtures, test cases).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBasePackage } from '../../src/packages/base-package.js';
import { Definitions } from '../../src/packages/definitions.js';
import { indexEntryFor, type LoadedPackage } from '../../src/packages/package-types.js';
import { projectRoot } from '../../src/util/shared-data.js';

let base: LoadedPackage | undefined;

/** The official R4 4.0.1 definitions, loaded once per test file. */
export function basePackage(): LoadedPackage {
  base ??= loadBasePackage();
  return base;
}

export function memoryPackage(id: string, resources: Record<string, any>[]): LoadedPackage {
  return {
    id, version: '0.0.0', source: id, sha256: '', fhirVersions: ['4.0.1'], dependencies: {},
    entries: resources.map((r, i) => indexEntryFor(r, String(i))),
    read: (entry) => resources[Number(entry.filename)]!,
  };
}

export function readFixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(projectRoot, 'fixtures', 'snapshot', `${name}.json`), 'utf8'));
}

/** Base definitions with the named fixtures in front of them. */
export function fixtureDefinitions(names: string[]): Definitions {
  return new Definitions([memoryPackage('fixtures', names.map(readFixture)), basePackage()]);
}
