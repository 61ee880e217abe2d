// Benchmark (not a test): base-only walk vs base walk + extension checks + UK Core default profile, over the bench
// corpus templates (R4 examples of 12 clinical types). Run: npx tsx test/profile/bench/profile-throughput.ts [count]
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FhirPathEvaluator } from '../../../src/fhirpath/evaluator.js';
import { readJson } from '../../../src/parse/json.js';
import { ReferenceContext } from '../../../src/validate/references/reference-check.js';
import { StructureWalker } from '../../../src/validate/structure-walker.js';
import { Structures } from '../../../src/structure/structures.js';
import { ProfileValidator, loadR5Definitions } from '../../../src/profile/index.js';
import { ukcoreDefinitions } from '../support/defs.js';

const TYPES = ['Patient', 'Observation', 'Condition', 'Encounter', 'AllergyIntolerance', 'MedicationRequest', 'Procedure',
  'Immunization', 'Practitioner', 'Organization', 'DiagnosticReport', 'MedicationStatement'];
const count = Number(process.argv[2] ?? 3000);
const dir = path.dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
const templates = readdirSync(dir).sort().filter((f) => TYPES.some((t) => f.startsWith(`${t}-`)))
  .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'))).filter((r) => TYPES.includes(r.resourceType));
const texts = Array.from({ length: count }, (_, i) => JSON.stringify({ ...templates[i % templates.length], id: `bench-${i}` }));

const t0 = performance.now();
const defs = ukcoreDefinitions();
const structures = new Structures(defs);
const pv = new ProfileValidator({ structures, r5: loadR5Definitions() });
console.log(`setup (UK Core snapshots, R5 definitions): ${(performance.now() - t0).toFixed(0)} ms`);
const fhirpath = new FhirPathEvaluator();
const UK = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';

function run(profiles: boolean): { ms: number; issues: number } {
  let issues = 0;
  const start = performance.now();
  for (const text of texts) {
    const r = readJson(text, 'bench.json');
    const root = r.value as Record<string, unknown>;
    const refs = new ReferenceContext(root, r.positions, 'bench.json');
    const ext: unknown[] = [];
    const walker: StructureWalker = new StructureWalker(structures, fhirpath, { source: 'bench.json', positions: r.positions, root, fromXml: false }, (visit) => {
      refs.check(visit, walker.issues);
      if (profiles && visit.typeCode === 'Extension') ext.push(...pv.checkExtensionAt(visit, { source: 'bench.json', positions: r.positions, root, bundle: refs }));
    });
    walker.walkResource(root, '', []);
    issues += walker.issues.length + ext.length;
    if (profiles) {
      const out = pv.validate({ resource: root, root, segs: [], expression: String(root.resourceType), source: 'bench.json', positions: r.positions, bundle: refs },
        `${UK}${String(root.resourceType)}`);
      issues += out.issues.length;
    }
  }
  return { ms: performance.now() - start, issues };
}

run(false);
run(true); // warm-up: compiles FHIRPath, trees and slicing plans
const rounds = 3;
const base: number[] = [];
const full: number[] = [];
for (let i = 0; i < rounds; i++) {
  base.push(run(false).ms);
  full.push(run(true).ms);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (ms: number) => (count / ms) * 1000;
console.log(`${count} resources (${templates.length} templates), median of ${rounds}:`);
console.log(`  base only:                         ${rate(median(base)).toFixed(0)} resources/s`);
console.log(`  base + extensions + UKCore-<Type>: ${rate(median(full)).toFixed(0)} resources/s (${(100 * median(base) / median(full)).toFixed(0)}% of base throughput)`);
