// Generates a benchmark corpus as NDJSON: clinical resources from the R4 specification examples, re-identified.
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const TYPES = ['Patient', 'Observation', 'Condition', 'Encounter', 'AllergyIntolerance', 'MedicationRequest', 'Procedure',
  'Immunization', 'Practitioner', 'Organization', 'DiagnosticReport', 'MedicationStatement'];

/** Template resources: every R4 example of the types above. */
export function templates() {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('hl7.fhir.r4.examples/package.json'));
  const out = [];
  for (const f of readdirSync(dir).sort()) {
    if (!TYPES.some((t) => f.startsWith(`${t}-`))) continue;
    const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    if (TYPES.includes(r.resourceType)) out.push(r);
  }
  return out;
}

/**
 * Writes `count` resources to `file` (one per line), cycling through the templates with fresh ids. `maxTemplateBytes`
 * leaves out larger templates (the R4 examples include one DiagnosticReport with a 730 KB PDF attachment).
 */
export async function writeCorpus(file, count, { maxTemplateBytes = Infinity } = {}) {
  const list = templates().filter((r) => JSON.stringify(r).length <= maxTemplateBytes);
  const stream = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const r = { ...list[i % list.length], id: `bench-${i}` };
    if (!stream.write(`${JSON.stringify(r)}\n`)) await new Promise((res) => stream.once('drain', res));
  }
  await new Promise((res) => stream.end(res));
  return list.length;
}
