// Loads a FHIR package laid out as a folder of JSON resources (npm layout or `package/` sub-folder).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../util/cache-dir.js';
import { CONFORMANCE_TYPES, indexEntryFor, type IndexEntry, type LoadedPackage } from './package-types.js';

interface CachedIndex {
  formatVersion: number;
  fingerprint: string;
  sha256: string;
  entries: IndexEntry[];
}

const INDEX_FORMAT = 2;

/** Cheap change detector: names, sizes and mtimes of the folder's files. */
export function folderFingerprint(dir: string, files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    const st = statSync(path.join(dir, f));
    h.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return h.digest('hex');
}

/** Resolves the folder that holds package.json and the resources (`<dir>/package` or `<dir>`). */
export function packageContentDir(dir: string): string | undefined {
  if (existsSync(path.join(dir, 'package', 'package.json'))) return path.join(dir, 'package');
  if (existsSync(path.join(dir, 'package.json'))) return dir;
  return undefined;
}

/**
 * Loads a JSON package folder. The index of conformance resources is taken from the folder's `.index.json` when
 * present, else built once by reading every file and cached (keyed by a fingerprint of the folder).
 */
export function loadJsonPackageFolder(contentDir: string, source: string, fingerprintKey?: string): LoadedPackage {
  const manifest = JSON.parse(readFileSync(path.join(contentDir, 'package.json'), 'utf8')) as Record<string, any>;
  const id = String(manifest.name ?? path.basename(contentDir));
  const version = String(manifest.version ?? '0.0.0');
  const files = readdirSync(contentDir).filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.')).sort();
  const fingerprint = fingerprintKey ?? folderFingerprint(contentDir, files);
  const dir = cacheDir('index');
  const cacheFile = dir ? path.join(dir, `${safeName(id)}#${safeName(version)}-${fingerprint.slice(0, 16)}.json`) : undefined;

  let index: CachedIndex | undefined;
  if (cacheFile && existsSync(cacheFile)) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CachedIndex;
      if (cached.formatVersion === INDEX_FORMAT && cached.fingerprint === fingerprint) index = cached;
    } catch {
      index = undefined; // a corrupt cache is rebuilt
    }
  }
  if (!index) {
    const hash = createHash('sha256');
    const entries: IndexEntry[] = [];
    for (const f of files) {
      const bytes = readFileSync(path.join(contentDir, f));
      hash.update(f).update('\0').update(bytes);
      let res: Record<string, any>;
      try {
        res = JSON.parse(bytes.toString('utf8'));
      } catch {
        continue; // a non-resource JSON file in a package is not a conformance resource
      }
      if (res && typeof res === 'object' && CONFORMANCE_TYPES.has(res.resourceType)) entries.push(indexEntryFor(res, f));
    }
    index = { formatVersion: INDEX_FORMAT, fingerprint, sha256: hash.digest('hex'), entries };
    if (cacheFile) {
      try {
        writeFileSync(cacheFile, JSON.stringify(index));
      } catch {
        // caching is an optimisation; a read-only cache folder must not stop validation
      }
    }
  }
  return {
    id,
    version,
    source,
    sha256: index.sha256,
    fhirVersions: Array.isArray(manifest.fhirVersions) ? manifest.fhirVersions.map(String) : [],
    dependencies: (manifest.dependencies ?? {}) as Record<string, string>,
    entries: index.entries,
    read: (entry) => JSON.parse(readFileSync(path.join(contentDir, entry.filename), 'utf8')),
  };
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}
