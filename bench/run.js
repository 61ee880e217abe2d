// `npm run bench`: generates a corpus, then measures ukcore-check (one job, and several) against @medplum/core's
// validator in separate processes, a cold CLI start with a warm definitions cache, and a 100k-resource NDJSON run for
// streaming memory. A benchmark, not a test: it prints figures and never fails on them.
//   node bench/run.js [--corpus=20000] [--big=100000] [--rounds=5] [--jobs=N]
// Throughput is resources per second of the validation phase (each tool's start-up excluded: definitions loading for
// medplum, package index loading for ukcore-check, whose lazy loading of definitions stays inside the phase). CPU
// time counts every thread of the process; wall time is what a user waits. Medians of the rounds.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
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
const rounds = Number(args.get('rounds') ?? 5);
const cores = os.availableParallelism();
const jobs = Number(args.get('jobs') ?? Math.max(2, Math.min(cores, 4)));

function child(script, file, env = {}) {
  const r = spawnSync(process.execPath, [path.join(here, script), file], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (r) => (r.resources / r.validateMs) * 1000;
const cpuRate = (r) => (r.resources / r.cpuMs) * 1000;

const corpus = path.join(out, `corpus-${corpusSize}.ndjson`);
const templates = await writeCorpus(corpus, corpusSize);
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} x${cores}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`corpus: ${corpusSize} resources from ${templates} R4 example templates (${(statSync(corpus).size / 2 ** 20).toFixed(1)} MiB), ${rounds} rounds, medians`);

const runs = { one: [], many: [], medplum: [] };
for (let i = 0; i < rounds; i++) {
  // Interleaved, so a busy spell on a shared machine affects every tool alike.
  runs.one.push(child('child-ours.js', corpus, { BENCH_JOBS: '1' }));
  runs.many.push(child('child-ours.js', corpus, { BENCH_JOBS: String(jobs) }));
  runs.medplum.push(child('child-medplum.js', corpus));
}
const summary = (name, list) => {
  const m = (f) => median(list.map(f));
  return `${name.padEnd(26)} ${m(rate).toFixed(0).padStart(6)} resources/s wall, ${m(cpuRate).toFixed(0).padStart(6)} per CPU-s | validate ${m((r) => r.validateMs).toFixed(0)} ms wall, ${m((r) => r.cpuMs).toFixed(0)} ms CPU | start-up ${m((r) => r.startupMs).toFixed(0)} ms | peak RSS ${m((r) => r.maxRssMb).toFixed(0)} MiB | issues ${list[0].issues}`;
};
console.log(summary('ukcore-check, 1 job', runs.one));
console.log(summary(`ukcore-check, ${jobs} jobs`, runs.many));
console.log(summary('@medplum/core', runs.medplum));
const ratio = (list, f) => median(list.map(f)) / median(runs.medplum.map(f));
for (const [name, list] of [['1 job', runs.one], [`${jobs} jobs`, runs.many]]) {
  console.log(`ratio ukcore-check (${name}) / medplum: throughput ${ratio(list, rate).toFixed(2)}x (wall), ${ratio(list, cpuRate).toFixed(2)}x (per CPU second); whole run incl. start-up ${(median(runs.medplum.map((r) => r.startupMs + r.validateMs)) / median(list.map((r) => r.startupMs + r.validateMs))).toFixed(2)}x`);
}
console.log('(medplum stops at the first error batch of each resource; ukcore-check reports every issue, with terminology checks on unless BENCH_TERMINOLOGY=off)');

// Profile validation (issue 3): the same corpus with UK Core loaded, so every resource is also checked against its
// UKCore-<Type> profile and every extension against its definition. Needs the UK Core folder ($UKCORE_IG_PATH or
// ../shared/ukcore).
const ukcore = process.env.UKCORE_IG_PATH ?? path.join(here, '..', '..', 'shared', 'ukcore');
if (existsSync(ukcore)) {
  const profiled = [];
  for (let i = 0; i < rounds; i++) profiled.push(child('child-ours.js', corpus, { BENCH_JOBS: '1', BENCH_IG: ukcore }));
  console.log(summary('ukcore-check + UK Core, 1 job', profiled));
  console.log(`profile validation keeps ${(100 * median(profiled.map(rate)) / median(runs.one.map(rate))).toFixed(0)}% of base-only throughput (wall), ${(100 * median(profiled.map(cpuRate)) / median(runs.one.map(cpuRate))).toFixed(0)}% per CPU second`);
}

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
console.log(`CLI cold start, warm cache (validate --base-only, 1 resource, whole process): median ${median(starts).toFixed(0)} ms wall of 5`);

if (bigSize > 0) {
  // Streaming memory: the scenario is 100k resources in about 100 MB. The corpus without its one 730 KB
  // attachment averages 2 KB a resource; with it (470 copies of a 730 KB PDF) the file is over 500 MB. Both are shown.
  for (const [name, options] of [['', { maxTemplateBytes: 64 * 1024 }], ['-attachments', {}]]) {
    const big = path.join(out, `corpus-${bigSize}${name}.ndjson`);
    const templatesUsed = await writeCorpus(big, bigSize, options);
    const mib = (statSync(big).size / 2 ** 20).toFixed(0);
    for (const env of [{}, { BENCH_JOBS: '1' }, { BENCH_JOBS: String(jobs) }]) {
      const r = child('child-ours.js', big, env);
      const label = env.BENCH_JOBS ? `${env.BENCH_JOBS} job${env.BENCH_JOBS === '1' ? '' : 's'}` : 'default jobs';
      console.log(`NDJSON ${bigSize} resources (${mib} MiB, ${templatesUsed} templates), ${label}: ${rate(r).toFixed(0)} resources/s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU, peak RSS ${r.maxRssMb.toFixed(0)} MiB`);
    }
  }
}
