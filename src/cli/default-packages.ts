// The package pins in profiles/default-packages.json and where to find them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cachedPackageDir } from '../packages/load-packages.js';
import { projectRoot } from '../util/shared-data.js';

export interface DefaultPackages {
  base: string;
  ukcore: string;
  optional: string[];
  /** The UK Core package as an --ig source if it is in the FHIR package cache. */
  findUkCore(): string | undefined;
}

export function readDefaultPackages(): DefaultPackages {
  const json = JSON.parse(readFileSync(path.join(projectRoot, 'profiles', 'default-packages.json'), 'utf8')) as Omit<DefaultPackages, 'findUkCore'>;
  return {
    ...json,
    findUkCore() {
      if (process.env.UKCORE_IG_PATH) return process.env.UKCORE_IG_PATH;
      const [id, version] = json.ukcore.split('#') as [string, string];
      return cachedPackageDir(id, version) ? json.ukcore : undefined;
    },
  };
}
