// Loads the package set for a run: the bundled R4 base, `--ig` sources (folder, .tgz, id#version) and their
// dependencies from the FHIR package cache. Problems become Issues; a missing --ig source is fatal.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Issue } from '../model/issue.js';
import { cacheDir, fhirPackageCache } from '../util/cache-dir.js';
import { loadBasePackage } from './base-package.js';
import { Definitions } from './definitions.js';
import { loadJsonPackageFolder } from './load-json-folder.js';
import { loadLooseFolder } from './load-loose-folder.js';
import { packageRules } from './package-rules.js';
import { ensureSnapshots } from './snapshot-cache.js';
import type { LoadedPackage } from './package-types.js';
import type { XmlSchema } from '../parse/xml/xml-schema.js';
import { Structures } from '../structure/structures.js';
import { StructureXmlSchema } from '../structure/xml-schema-adapter.js';

export interface PackageSet {
  defs: Definitions;
  packages: LoadedPackage[];
  issues: Issue[];
  /** True when any requested source could not be loaded (the CLI exits 2). */
  fatal: boolean;
}

const PACKAGE_REF = /^([a-z0-9][a-z0-9._-]*)#([A-Za-z0-9._-]+)$/i;

/** Is `spec` an `id#version` package reference rather than a path? */
export function isPackageRef(spec: string): boolean {
  return PACKAGE_REF.test(spec) && !existsSync(spec);
}

/** Folder of a cached package `id#version` (https://confluence.hl7.org/display/FHIR/FHIR+Package+Cache). */
export function cachedPackageDir(id: string, version: string): string | undefined {
  const dir = path.join(fhirPackageCache(), `${id}#${version}`, 'package');
  return existsSync(path.join(dir, 'package.json')) ? dir : undefined;
}

/** Extracts a package tarball into the tool cache (keyed by its sha256) and loads it. */
export function loadTarball(file: string): LoadedPackage {
  const bytes = readFileSync(file);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const dir = cacheDir('tgz', sha.slice(0, 24));
  if (!dir) throw new Error('the cache folder cannot be written');
  if (!existsSync(path.join(dir, 'package', 'package.json'))) {
    // Loaded on first use: most runs never read a tarball, and start-up time matters.
    const tar = createRequire(import.meta.url)('tar') as typeof import('tar');
    tar.x({ file, cwd: dir, sync: true, strict: true });
  }
  const content = existsSync(path.join(dir, 'package', 'package.json')) ? path.join(dir, 'package') : dir;
  const pkg = loadJsonPackageFolder(content, path.resolve(file));
  return { ...pkg, sha256: sha };
}

function loadSource(spec: string, xmlSchema: XmlSchema, issues: Issue[]): LoadedPackage | undefined {
  const fail = (messageId: 'notFound' | 'notAPackage' | 'unreadable', reason = '') => {
    issues.push(packageRules.unreadablePackage.issue({ messageId, data: { source: spec, reason }, location: { source: spec } }));
    return undefined;
  };
  try {
    if (isPackageRef(spec)) {
      const [, id, version] = PACKAGE_REF.exec(spec)!;
      const dir = cachedPackageDir(id!, version!);
      if (!dir) {
        issues.push(packageRules.unresolvedDependency.issue({
          messageId: 'unresolvedDependency', severity: 'fatal', data: { pkg: 'the command line', dependency: spec }, location: { source: spec },
        }));
        return undefined;
      }
      return loadJsonPackageFolder(dir, `${id}#${version}`);
    }
    if (!existsSync(spec)) return fail('notFound');
    const st = statSync(spec);
    if (st.isFile()) {
      if (/\.(tgz|tar\.gz)$/i.test(spec)) return loadTarball(spec);
      return fail('notAPackage');
    }
    if (existsSync(path.join(spec, 'package', 'package.json'))) return loadJsonPackageFolder(path.join(spec, 'package'), path.resolve(spec));
    const { pkg, issues: looseIssues } = loadLooseFolder(spec, xmlSchema);
    issues.push(...looseIssues);
    if (pkg.entries.length === 0) return fail('notAPackage');
    return pkg;
  } catch (e) {
    return fail('unreadable', (e as Error).message);
  }
}

/**
 * Loads base + `sources`, then resolves each package's dependencies from the FHIR package cache. User packages
 * come first so they win over the base when a canonical is defined twice.
 */
export function loadPackages(sources: string[], opts: { optional?: string[] } = {}): PackageSet {
  const issues: Issue[] = [];
  const base = loadBasePackage();
  // XML conformance resources are read with the base definitions' knowledge of FHIR types.
  const baseDefs = new Definitions([base], base);
  const xmlSchema = new StructureXmlSchema(new Structures(baseDefs));
  const loaded: LoadedPackage[] = [];
  let fatal = false;
  for (const spec of sources) {
    const pkg = loadSource(spec, xmlSchema, issues);
    if (pkg) loaded.push(pkg);
    else fatal = true;
  }
  // Dependencies, breadth-first; hl7.fhir.r4.core is the bundled base.
  const have = (id: string) => id === base.id || loaded.some((p) => p.id === id);
  const required = loaded.length;
  for (const spec of opts.optional ?? []) {
    const m = PACKAGE_REF.exec(spec);
    const dir = m ? cachedPackageDir(m[1]!, m[2]!) : undefined;
    // Optional packages (terminology, R5 definitions for cross-version extensions) are used when cached; their
    // own dependencies are not chased, since only their value sets and definitions are read.
    if (dir && !have(m![1]!)) loaded.push(loadJsonPackageFolder(dir, spec));
  }
  for (let i = 0; i < required; i++) {
    const pkg = loaded[i]!;
    for (const [id, version] of Object.entries(pkg.dependencies)) {
      if (have(id)) continue;
      const dir = cachedPackageDir(id, version);
      if (dir) {
        try {
          loaded.push(loadJsonPackageFolder(dir, `${id}#${version}`));
          continue;
        } catch {
          // fall through to the unresolved-dependency issue
        }
      }
      issues.push(packageRules.unresolvedDependency.issue({
        messageId: 'unresolvedDependency', data: { pkg: `${pkg.id}#${pkg.version}`, dependency: `${id}#${version}` }, location: { source: pkg.source },
      }));
    }
  }
  // Packages for other FHIR versions (hl7.fhir.r5.core, which UK Core depends on for its cross-version extensions)
  // are listed as used but kept out of the R4 definitions: they are read only to derive those extensions
  // (src/profile/r5-definitions.ts), and must never shadow or add to R4.
  const isR4 = (p: LoadedPackage) => p.fhirVersions.length === 0 || p.fhirVersions.some((v) => v.startsWith('4.0'));
  const r4 = [...loaded.filter(isR4), base];
  const packages = [...r4, ...loaded.filter((p) => !isR4(p))];
  const defs = new Definitions(r4, base);
  issues.push(...defs.issues);
  // Snapshot problems belong to the package, not to any input: errors become package warnings, the rest information.
  for (const i of ensureSnapshots(defs, r4)) issues.push({ ...i, severity: i.severity === 'fatal' || i.severity === 'error' ? 'warning' : 'information' });
  return { defs, packages, issues, fatal };
}
