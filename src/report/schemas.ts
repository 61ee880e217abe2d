// Loads and compiles the published JSON Schemas in schemas/ once, with ajv (draft-07).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { projectRoot } from '../util/shared-data.js';

const cache = new Map<string, ValidateFunction>();

/** Absolute path of a schema shipped in the package's schemas/ folder. */
export type SchemaName = 'report' | 'waiver' | 'config';

export function schemaPath(name: SchemaName): string {
  return path.join(projectRoot, 'schemas', `${name}.schema.json`);
}

/** A compiled validator for schemas/<name>.schema.json. */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    // The config file's `ignore` entries are waivers: its schema refers to the waiver schema by its $id.
    if (name === 'config') ajv.addSchema(JSON.parse(readFileSync(schemaPath('waiver'), 'utf8')) as object);
    v = ajv.compile(JSON.parse(readFileSync(schemaPath(name), 'utf8')) as object);
    cache.set(name, v);
  }
  return v;
}

/** ajv errors as `instancePath: message` lines (`/` for the root). */
export function formatSchemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
  });
}
