// Benchmark child: validates an NDJSON corpus with ukcore-check (base R4) and prints timing and memory as JSON.
// BENCH_JOBS sets runValidate's `jobs`, BENCH_IG loads a package (profile validation) (1 = this thread only); BENCH_TERMINOLOGY=off turns code checks off.
import { runValidate } from '../dist/validate/run-validate.js';
import { loadPackages } from '../dist/packages/load-packages.js';

const file = process.argv[2];
const jobs = process.env.BENCH_JOBS ? Number(process.env.BENCH_JOBS) : undefined;
const t0 = performance.now();
// BENCH_IG: a package source (e.g. the UK Core folder): resources are then also checked against UKCore-<Type>.
const set = loadPackages(process.env.BENCH_IG ? [process.env.BENCH_IG] : []);
const t1 = performance.now();
const cpu0 = process.cpuUsage();
const { report } = await runValidate({ paths: [file], packageSet: set, terminology: process.env.BENCH_TERMINOLOGY !== 'off', ...(jobs ? { jobs } : {}) });
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({
  startupMs: t1 - t0, validateMs: t2 - t1, resources: report.summary.resources,
  issues: report.results.reduce((n, r) => n + r.issues.length, 0), cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
