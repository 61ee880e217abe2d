// `npm run bench`: generates a corpus, then measures ukcore-check against @medplum/core's validator in separate
// processes (startup, resources/s, peak memory), a cold CLI start with a warm definitions cache, and a 100k-resource
// NDJSON run for streaming memory. A benchmark, not a test: it prints figures and never fails on them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './generate-corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');
mkdirSync(out, { recursive: true });
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const corpusSize = Number(args.get('corpus') ?? 20000);
const bigSize = Number(args.get('big') ?? 100000);
const rounds = Number(args.get('rounds') ?? 3);

function child(script, file) {
  const r = spawnSync(process.execPath, [path.join(here, script), file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const corpus = path.join(out, `corpus-${corpusSize}.ndjson`);
const templates = await writeCorpus(corpus, corpusSize);
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`corpus: ${corpusSize} resources from ${templates} R4 example templates (${(statSync(corpus).size / 2 ** 20).toFixed(1)} MiB)`);

const ours = [];
const medplum = [];
for (let i = 0; i < rounds; i++) {
  ours.push(child('child-ours.js', corpus));
  medplum.push(child('child-medplum.js', corpus));
}
const rate = (r) => (r.resources / r.validateMs) * 1000;
const oursRate = median(ours.map(rate));
const medRate = median(medplum.map(rate));
console.log(`ukcore-check base R4:  ${oursRate.toFixed(0)} resources/s, startup ${median(ours.map((r) => r.startupMs)).toFixed(0)} ms, peak RSS ${median(ours.map((r) => r.maxRssMb)).toFixed(0)} MiB, issues ${ours[0].issues}`);
console.log(`@medplum/core:         ${medRate.toFixed(0)} resources/s, startup ${median(medplum.map((r) => r.startupMs)).toFixed(0)} ms, peak RSS ${median(medplum.map((r) => r.maxRssMb)).toFixed(0)} MiB, issues ${medplum[0].issues}`);
console.log(`throughput ratio ukcore-check / medplum: ${(oursRate / medRate).toFixed(2)}x (median of ${rounds})`);

// Cold start of the real CLI with a warm definitions cache: one small file, whole process.
const one = path.join(out, 'one.ndjson');
await writeCorpus(one, 1);
const bin = path.join(here, '..', 'bin', 'ukcore-check.js');
execFileSync(process.execPath, [bin, 'validate', '--base-only', one], { stdio: 'ignore' });
const starts = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  spawnSync(process.execPath, [bin, 'validate', '--base-only', one], { stdio: 'ignore' });
  starts.push(performance.now() - t);
}
console.log(`CLI cold start, warm cache (validate 1 resource, whole process): median ${median(starts).toFixed(0)} ms`);

if (bigSize > 0) {
  const big = path.join(out, `corpus-${bigSize}.ndjson`);
  await writeCorpus(big, bigSize);
  const r = child('child-ours.js', big);
  console.log(`NDJSON ${bigSize} resources (${(statSync(big).size / 2 ** 20).toFixed(0)} MiB): ${rate(r).toFixed(0)} resources/s, peak RSS ${r.maxRssMb.toFixed(0)} MiB`);
}
