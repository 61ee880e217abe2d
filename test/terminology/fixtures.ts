// Test helpers: the terminology fixture bundle as an in-memory package behind the real Definitions resolver.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Definitions } from '../../src/packages/definitions.js';
import { indexEntryFor, type LoadedPackage } from '../../src/packages/package-types.js';
import { projectRoot } from '../../src/util/shared-data.js';

export const A = 'http://example.org/fhir/CodeSystem/animals';
export const C = 'http://example.org/fhir/CodeSystem/colours';
export const F = 'http://example.org/fhir/CodeSystem/fragment';
export const SCT = 'http://snomed.info/sct';
export const vs = (id: string): string => `http://example.org/fhir/ValueSet/${id}`;

/** Wraps resources as a LoadedPackage (one "file" per resource). */
export function memoryPackage(id: string, resources: Record<string, any>[]): LoadedPackage {
  const files = new Map(resources.map((r, i) => [`${i}-${r.resourceType}-${r.id}.json`, r]));
  return {
    id,
    version: '0.0.0',
    source: `memory:${id}`,
    sha256: '',
    fhirVersions: ['4.0.1'],
    dependencies: {},
    entries: [...files].map(([name, r]) => indexEntryFor(r, name)),
    read: (entry) => files.get(entry.filename)!,
  };
}

export function fixtureResources(): Record<string, any>[] {
  const bundle = JSON.parse(readFileSync(path.join(projectRoot, 'fixtures', 'terminology', 'local-content.json'), 'utf8'));
  return bundle.entry.map((e: { resource: Record<string, any> }) => e.resource);
}

export function fixtureDefinitions(extra: Record<string, any>[] = []): Definitions {
  return new Definitions([memoryPackage('fixtures.terminology', [...fixtureResources(), ...extra])]);
}
