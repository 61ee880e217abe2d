// Definitions: resolve conformance resources across loaded packages by canonical (`url|version`), type or id.
import type { Issue } from '../model/issue.js';
import { packageRules } from './package-rules.js';
import type { IndexEntry, LoadedPackage } from './package-types.js';

interface Located {
  pkg: LoadedPackage;
  entry: IndexEntry;
}

const FHIR_SD_BASE = 'http://hl7.org/fhir/StructureDefinition/';

/** Splits `url|version` (https://hl7.org/fhir/R4/references.html#canonical). */
export function splitCanonical(canonical: string): { url: string; version?: string } {
  const bar = canonical.indexOf('|');
  return bar === -1 ? { url: canonical } : { url: canonical.slice(0, bar), version: canonical.slice(bar + 1) };
}

function sameFhirVersion(a: LoadedPackage, b: LoadedPackage): boolean {
  const major = (p: LoadedPackage) => (p.fhirVersions[0] ?? '4.0').split('.').slice(0, 2).join('.');
  return major(a) === major(b);
}

export class Definitions {
  private readonly byUrl = new Map<string, Located[]>();
  private readonly byTypeId = new Map<string, Located>();
  private readonly cache = new Map<string, Record<string, any>>();
  private readonly extra = new Map<string, Record<string, any>>();
  readonly issues: Issue[] = [];

  /**
   * Packages in priority order: earlier packages win when a canonical is defined twice. `base` is the FHIR core
   * package whose resource types are the valid `resourceType`s.
   */
  constructor(readonly packages: LoadedPackage[], readonly base: LoadedPackage | undefined = packages[packages.length - 1]) {
    for (const pkg of packages) {
      for (const entry of pkg.entries) {
        if (entry.id) {
          const key = `${entry.resourceType}/${entry.id}`;
          if (!this.byTypeId.has(key)) this.byTypeId.set(key, { pkg, entry });
        }
        if (!entry.url) continue;
        const list = this.byUrl.get(entry.url);
        if (!list) {
          this.byUrl.set(entry.url, [{ pkg, entry }]);
          continue;
        }
        // Canonicals shared between FHIR versions (R4 core and the R5 core used for cross-version extensions) are
        // expected; only a clash within one FHIR version is worth a warning.
        const clash = list.find((l) => l.entry.version === entry.version && l.pkg !== pkg && sameFhirVersion(l.pkg, pkg));
        if (clash) {
          this.issues.push(
            packageRules.duplicateCanonical.issue({
              messageId: 'duplicateCanonical',
              data: {
                url: entry.url + (entry.version ? `|${entry.version}` : ''),
                first: `${clash.pkg.id}#${clash.pkg.version}`,
                second: `${pkg.id}#${pkg.version}`,
              },
              location: { source: pkg.source },
            }),
          );
        }
        list.push({ pkg, entry });
      }
    }
  }

  /** Registers a resource produced at run time (a generated snapshot, a synthesised extension). */
  register(resource: Record<string, any>): void {
    const key = resource.version ? `${resource.url}|${resource.version}` : resource.url;
    this.extra.set(key, resource);
    if (!this.extra.has(resource.url)) this.extra.set(resource.url, resource);
  }

  /** Resolves a canonical (`url` or `url|version`) to its resource, or undefined. */
  resolve(canonical: string): Record<string, any> | undefined {
    const extra = this.extra.get(canonical);
    if (extra) return extra;
    const located = this.locate(canonical);
    if (!located) return undefined;
    return this.load(located);
  }

  /** Index entry for a canonical, without reading the resource. */
  entry(canonical: string): IndexEntry | undefined {
    const extra = this.extra.get(canonical);
    if (extra) return { resourceType: extra.resourceType, url: extra.url, version: extra.version, filename: '' };
    return this.locate(canonical)?.entry;
  }

  /** Package that defines a canonical. */
  packageOf(canonical: string): LoadedPackage | undefined {
    return this.locate(canonical)?.pkg;
  }

  private locate(canonical: string): Located | undefined {
    const { url, version } = splitCanonical(canonical);
    const list = this.byUrl.get(url);
    if (!list || list.length === 0) return undefined;
    if (version === undefined) return list[0];
    // Exact match first, then a major.minor match as FHIR tools do for `|2.0` against `2.0.1`.
    return list.find((l) => l.entry.version === version) ?? list.find((l) => l.entry.version?.startsWith(`${version}.`));
  }

  private load(located: Located): Record<string, any> {
    const key = `${located.pkg.id}#${located.pkg.version}/${located.entry.filename}`;
    let res = this.cache.get(key);
    if (!res) {
      res = located.pkg.read(located.entry);
      this.cache.set(key, res);
    }
    return res;
  }

  /** The base StructureDefinition of a FHIR type code (`Patient`, `HumanName`, `string`). */
  typeDefinition(code: string): Record<string, any> | undefined {
    return this.resolve(code.includes('/') ? code : FHIR_SD_BASE + code);
  }

  /** By resource type and id, e.g. (`StructureDefinition`, `UKCore-Patient`). */
  byId(resourceType: string, id: string): Record<string, any> | undefined {
    const located = this.byTypeId.get(`${resourceType}/${id}`);
    return located ? this.load(located) : undefined;
  }

  /** All index entries of one resource type across packages (first definition of each canonical). */
  entries(resourceType: string): IndexEntry[] {
    const out: IndexEntry[] = [];
    for (const list of this.byUrl.values()) {
      const first = list[0]!;
      if (first.entry.resourceType === resourceType) out.push(first.entry);
    }
    return out;
  }

  /** Resource types defined by the base specification (concrete, non-abstract). */
  resourceTypeNames(): Set<string> {
    const names = new Set<string>();
    for (const e of this.base?.entries ?? []) {
      if (e.resourceType !== 'StructureDefinition') continue;
      if (e.kind === 'resource' && !e.abstract && e.derivation === 'specialization' && e.url === FHIR_SD_BASE + e.type) names.add(e.type!);
    }
    return names;
  }
}
