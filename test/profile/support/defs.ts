// Definitions for profile tests: base R4 plus the test profiles in fixtures/profile/definitions, or UK Core (loose XML
// from ../shared), each with snapshots generated once per test worker.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Definitions } from '../../../src/packages/definitions.js';
import { loadLooseFolder } from '../../../src/packages/load-loose-folder.js';
import { generateAll } from '../../../src/snapshot/index.js';
import { Structures } from '../../../src/structure/structures.js';
import { StructureXmlSchema } from '../../../src/structure/xml-schema-adapter.js';
import { projectRoot, ukcoreIgPath } from '../../../src/util/shared-data.js';
import { basePackage, memoryPackage } from '../../snapshot/fixture-defs.js';

export const FIXTURES = path.join(projectRoot, 'fixtures', 'profile');

/** A deep copy of fixtures/profile/<dir>/<name>.json. */
export function fixture<T = Record<string, any>>(dir: string, name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, dir, `${name}.json`), 'utf8')) as T;
}

let testDefs: Definitions | undefined;
/** Base R4 + the test profiles and extensions, snapshots generated. */
export function testDefinitions(): Definitions {
  if (!testDefs) {
    const dir = path.join(FIXTURES, 'definitions');
    const list = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    testDefs = new Definitions([memoryPackage('profile-fixtures', list), basePackage()]);
    const r = generateAll(testDefs);
    if (r.failed.length) throw new Error(`snapshots failed: ${r.failed.join(', ')}`);
  }
  return testDefs;
}

let ukDefs: Definitions | undefined;
/** Base R4 + UK Core (differentials from ../shared, snapshots generated). R5 is kept out: see loadR5Definitions(). */
export function ukcoreDefinitions(): Definitions {
  if (!ukDefs) {
    const xml = new StructureXmlSchema(new Structures(new Definitions([basePackage()])));
    const { pkg } = loadLooseFolder(ukcoreIgPath(), xml);
    ukDefs = new Definitions([pkg, basePackage()]);
    generateAll(ukDefs);
  }
  return ukDefs;
}
