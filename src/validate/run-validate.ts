// `validate` as a library call: packages + inputs in, a finished Report out (no printing, no exit codes).
import type { Issue } from '../model/issue.js';
import { REPORT_SCHEMA_VERSION, type InputFile as ReportInput, type Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { discoverInputs, type InputFile } from '../inputs/discover.js';
import { readInput, type FileSummary } from '../inputs/read-input.js';
import { loadPackages, type PackageSet } from '../packages/load-packages.js';
import { summarize } from '../report/summarize.js';
import { toolInfo } from '../util/tool-info.js';
import type { RemoteTerminology } from '../terminology/index.js';
import { createValidator, resultsForUnit } from './parallel/setup.js';
import { plannedJobs, validateInParallel } from './parallel/run-parallel.js';

export interface ValidateOptions {
  paths: string[];
  /** Package sources: folders, .tgz files, id#version. */
  igs?: string[];
  /** Packages loaded when present in the FHIR package cache (e.g. terminology), silently skipped otherwise. */
  optionalPackages?: string[];
  command?: string[];
  /** Called after each resource, for progress display. */
  onResult?: (result: CheckResult, done: number) => void;
  /**
   * Pre-loaded packages (tests, benchmarks). Worker threads cannot share it: each loads `igs` and `optionalPackages`
   * itself, so pass the sources the set was loaded from when more than one job may run.
   */
  packageSet?: PackageSet;
  /** Check codes against bindings and code systems (default on; offline with local content unless `tx` is set). */
  terminology?: boolean;
  /** A FHIR terminology server for what local content cannot decide. */
  tx?: { url: string; timeoutMs?: number };
  /** `--profile` canonicals, and whether to apply UKCore-<Type> by default (default true). */
  profiles?: { requested?: string[]; ukcoreDefault?: boolean };
  /**
   * Validators working at once: this thread and `jobs - 1` worker threads (1 = this thread only). Default: one per
   * core but one (at most 4), used only for large inputs; an explicit value above 1 is used whenever there
   * are several files or NDJSON. Results are the same, in the same order, whatever the number. With a terminology
   * server (`tx`) everything runs in this thread.
   */
  jobs?: number;
}

export interface ValidateOutcome {
  report: Report;
  /** Usage-level problems: missing paths, packages that failed to load (exit 2). */
  usageErrors: string[];
}

export async function runValidate(opts: ValidateOptions): Promise<ValidateOutcome> {
  const startedAt = new Date().toISOString();
  const usageErrors: string[] = [];
  const set = opts.packageSet ?? loadPackages(opts.igs ?? [], { optional: opts.optionalPackages ?? [] });
  for (const i of set.issues) if (i.severity === 'fatal') usageErrors.push(i.message);
  for (const p of opts.profiles?.requested ?? []) {
    if (set.defs.resolve(p)?.resourceType !== 'StructureDefinition') usageErrors.push(`--profile ${p} is not a StructureDefinition in any loaded package`);
  }
  const { files, missing } = await discoverInputs(opts.paths);
  for (const m of missing) usageErrors.push(`${m.path}: ${m.reason}`);

  const results: CheckResult[] = [];
  let done = 0;
  const emit = (r: CheckResult) => {
    for (const i of r.issues) detachStrings(i);
    results.push(r);
    opts.onResult?.(r, ++done);
  };
  const jobs = opts.tx ? 1 : plannedJobs(opts.jobs, files);
  const parts = createValidator(set, opts);
  const inputs = jobs > 1
    ? await validateInParallel(files, jobs, {
      igs: opts.igs ?? [], optionalPackages: opts.optionalPackages ?? [], terminology: opts.terminology !== false,
      ...(opts.profiles ? { profiles: opts.profiles } : {}),
    }, parts, emit)
    : await validateInProcess(files, parts, emit);
  const remote = parts.remote;
  const runIssues = set.issues.filter((i) => i.severity !== 'fatal');
  if (runIssues.length) results.unshift(packageResult(runIssues));
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: 'validate',
    tool: toolInfo(),
    startedAt,
    finishedAt: new Date().toISOString(),
    command: opts.command ?? [],
    packages: set.packages.map((p) => ({ id: p.id, version: p.version, sha256: p.sha256, source: p.source })),
    inputs,
    requirements: [],
    terminology: opts.terminology === false ? { mode: 'off' } : remote ? { mode: 'server', server: opts.tx!.url, ...txStats(remote) } : { mode: 'offline' },
    results,
    exchanges: [],
    summary: summarize(results),
  };
  return { report, usageErrors };
}

/** Validates in this thread, file by file, unit by unit. */
async function validateInProcess(files: InputFile[], parts: ReturnType<typeof createValidator>, emit: (r: CheckResult) => void): Promise<ReportInput[]> {
  const inputs: ReportInput[] = [];
  for (const file of files) {
    const summary: FileSummary = { path: file.path, sha256: '', bytes: 0, resources: 0 };
    for await (const unit of readInput(file, parts.xmlSchema, summary)) {
      for (const r of await resultsForUnit(parts.validator, unit)) emit(r);
    }
    inputs.push({ path: summary.path, sha256: summary.sha256, bytes: summary.bytes, resources: summary.resources });
  }
  return inputs;
}

/**
 * Issue texts may be cut from input values (an echoed base64 attachment, a narrative): V8 keeps the whole original
 * alive behind a slice, so a report of 100k resources would hold every large value it quoted. Results are kept as
 * flat copies instead (workers' results are copied on the way anyway).
 */
function detachStrings(issue: Issue): void {
  issue.message = detach(issue.message);
  if (issue.data) for (const [k, v] of Object.entries(issue.data)) if (typeof v === 'string') issue.data[k] = detach(v);
}

function detach(s: string): string {
  return s.length > 12 ? (` ${s}`).slice(1) : s;
}

function txStats(remote: RemoteTerminology): { requests: number; cacheHits: number; failures: number } {
  const s = remote.stats();
  return { requests: s.requests, cacheHits: s.cacheHits, failures: s.failures };
}

/** Package-loading warnings belong to the run, so they get a result of their own (optional: never gating). */
function packageResult(issues: Issue[]): CheckResult {
  return {
    checkId: 'validate/packages', title: 'Conformance packages loaded', target: 'packages', status: 'pass', optional: true,
    requirementIds: [], issues, durationMs: 0,
  };
}
