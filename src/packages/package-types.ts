// Shapes for loaded FHIR packages: an index of conformance resources, loaded lazily from disk on first use.
import type { Issue } from '../model/issue.js';

/** The resource types a validator needs from a package (https://hl7.org/fhir/R4/conformance-module.html). */
export const CONFORMANCE_TYPES = new Set([
  'StructureDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'NamingSystem', 'SearchParameter',
  'OperationDefinition', 'CapabilityStatement', 'CompartmentDefinition', 'ImplementationGuide',
]);

/** One conformance resource in a package index (the FHIR `.index.json` fields plus what resolution needs). */
export interface IndexEntry {
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  name?: string;
  /** StructureDefinition.type / kind / derivation / baseDefinition. */
  type?: string;
  kind?: string;
  derivation?: string;
  baseDefinition?: string;
  abstract?: boolean;
  /** StructureDefinition has a snapshot. */
  hasSnapshot?: boolean;
  /** File name relative to the package's resource folder. */
  filename: string;
}

export interface LoadedPackage {
  id: string;
  version: string;
  /** Where it came from: a folder, tgz, cache entry or the bundled base. */
  source: string;
  /** sha256 over the package content (tarball bytes, or file names + bytes of a folder). */
  sha256: string;
  fhirVersions: string[];
  dependencies: Record<string, string>;
  entries: IndexEntry[];
  /** Reads one resource by its index entry. Memoization is the caller's job. */
  read(entry: IndexEntry): Record<string, unknown>;
}

export interface PackageLoadResult {
  packages: LoadedPackage[];
  issues: Issue[];
}

/** Builds an IndexEntry from a resource's JSON. */
export function indexEntryFor(resource: Record<string, any>, filename: string): IndexEntry {
  const e: IndexEntry = { resourceType: resource.resourceType, filename };
  for (const k of ['id', 'url', 'version', 'name', 'type', 'kind', 'derivation', 'baseDefinition'] as const) {
    if (typeof resource[k] === 'string') e[k] = resource[k];
  }
  if (typeof resource.abstract === 'boolean') e.abstract = resource.abstract;
  if (resource.resourceType === 'StructureDefinition') {
    e.hasSnapshot = Array.isArray(resource.snapshot?.element) && resource.snapshot.element.length > 0;
  }
  return e;
}
