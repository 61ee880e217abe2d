// Generates the snapshots of differential-only StructureDefinitions once per package set and caches them on disk.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Issue } from '../model/issue.js';
import { generateAll } from '../snapshot/index.js';
import { cacheDir } from '../util/cache-dir.js';
import type { Definitions } from './definitions.js';
import type { LoadedPackage } from './package-types.js';

/** Bump when snapshot generation changes its output, so stale caches are not used. */
export const SNAPSHOT_GENERATOR_VERSION = 1;

interface CachedSnapshots {
  version: number;
  definitions: Record<string, unknown>[];
  issues: Issue[];
}

/** Registers a snapshot for every StructureDefinition that lacks one, from the cache or freshly generated. */
export function ensureSnapshots(defs: Definitions, packages: LoadedPackage[]): Issue[] {
  const needed = packages.some((p) => p.entries.some((e) => e.resourceType === 'StructureDefinition' && !e.hasSnapshot));
  if (!needed) return [];
  const key = createHash('sha256')
    .update(`v${SNAPSHOT_GENERATOR_VERSION}\n`)
    .update(packages.map((p) => `${p.id}#${p.version}#${p.sha256}`).join('\n'))
    .digest('hex')
    .slice(0, 32);
  const dir = cacheDir('snapshots');
  const file = dir ? path.join(dir, `${key}.json`) : undefined;
  if (file && existsSync(file)) {
    try {
      const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedSnapshots;
      if (cached.version === SNAPSHOT_GENERATOR_VERSION) {
        for (const sd of cached.definitions) defs.register(sd);
        return cached.issues;
      }
    } catch {
      // a corrupt cache is regenerated
    }
  }
  const result = generateAll(defs);
  const definitions = result.generated.map((url) => defs.resolve(url)).filter((sd): sd is Record<string, any> => sd !== undefined);
  if (file) {
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: SNAPSHOT_GENERATOR_VERSION, definitions, issues: result.issues } satisfies CachedSnapshots));
      renameSync(tmp, file);
    } catch {
      // caching is an optimisation
    }
  }
  return result.issues;
}
