// Test helper: reads FHIR XML conformance resources through the project's XML reader, when it exists yet.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Definitions } from '../../src/packages/definitions.js';
import type { LoadedPackage } from '../../src/packages/package-types.js';
import { memoryPackage } from './fixture-defs.js';

export type XmlReader = (text: string, source: string) => Record<string, any> | undefined;

/** A reader over the base definitions, or undefined (with the reason) when `readFhirXml` is not available. */
export async function xmlReader(defs: Definitions): Promise<{ read?: XmlReader; reason?: string }> {
  let mod: Record<string, any>;
  try {
    mod = await import('../../src/parse/xml/index.js');
  } catch (e) {
    return { reason: `src/parse/xml/index.ts cannot be loaded: ${(e as Error).message}` };
  }
  if (typeof mod.readFhirXml !== 'function') return { reason: 'src/parse/xml/index.ts does not export readFhirXml' };
  const { Structures } = await import('../../src/structure/structures.js');
  const { StructureXmlSchema } = await import('../../src/structure/xml-schema-adapter.js');
  const schema = new StructureXmlSchema(new Structures(defs));
  return {
    read: (text, source) => {
      const out = mod.readFhirXml(text, source, schema);
      return out.resources[0]?.value as Record<string, any> | undefined;
    },
  };
}

/** An in-memory package made of the resources read from a folder of XML (and JSON) files. */
export function folderPackage(dir: string, id: string, read: XmlReader | undefined): LoadedPackage {
  const resources = new Map<string, Record<string, any>>();
  for (const f of readdirSync(dir).sort()) {
    const file = path.join(dir, f);
    let res: Record<string, any> | undefined;
    if (f.endsWith('.json')) res = JSON.parse(readFileSync(file, 'utf8'));
    else if (f.endsWith('.xml') && read) res = read(readFileSync(file, 'utf8'), file);
    if (res?.resourceType) resources.set(f, res);
  }
  return { ...memoryPackage(id, [...resources.values()]), source: dir };
}
