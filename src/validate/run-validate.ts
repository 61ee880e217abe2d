// `validate` as a library call: packages + inputs in, a finished Report out (no printing, no exit codes).
import type { Issue } from '../model/issue.js';
import { REPORT_SCHEMA_VERSION, type InputFile as ReportInput, type Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { discoverInputs } from '../inputs/discover.js';
import { readInput, type FileSummary } from '../inputs/read-input.js';
import { loadPackages, type PackageSet } from '../packages/load-packages.js';
import { StructureXmlSchema } from '../structure/xml-schema-adapter.js';
import { summarize } from '../report/summarize.js';
import { toolInfo } from '../util/tool-info.js';
import { Validator } from './validator.js';
import { LocalTerminology, RemoteTerminology } from '../terminology/index.js';

export interface ValidateOptions {
  paths: string[];
  /** Package sources: folders, .tgz files, id#version. */
  igs?: string[];
  /** Packages loaded when present in the FHIR package cache (e.g. terminology), silently skipped otherwise. */
  optionalPackages?: string[];
  command?: string[];
  /** Called after each resource, for progress display. */
  onResult?: (result: CheckResult, done: number) => void;
  /** Pre-loaded packages (tests, benchmarks). */
  packageSet?: PackageSet;
  /** Check codes against bindings and code systems (default on; offline with local content unless `tx` is set). */
  terminology?: boolean;
  /** A FHIR terminology server for what local content cannot decide. */
  tx?: { url: string; timeoutMs?: number };
  /** `--profile` canonicals, and whether to apply UKCore-<Type> by default (default true). */
  profiles?: { requested?: string[]; ukcoreDefault?: boolean };
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
  const local = opts.terminology === false ? undefined : new LocalTerminology(set.defs);
  const remote = local && opts.tx ? new RemoteTerminology({ baseUrl: opts.tx.url, local, ...(opts.tx.timeoutMs ? { timeoutMs: opts.tx.timeoutMs } : {}) }) : undefined;
  const validator = new Validator(set.defs, {
    ...(local ? { terminology: { local, ...(remote ? { remote } : {}) } } : {}),
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
  });
  for (const p of opts.profiles?.requested ?? []) {
    if (set.defs.resolve(p)?.resourceType !== 'StructureDefinition') usageErrors.push(`--profile ${p} is not a StructureDefinition in any loaded package`);
  }
  const xmlSchema = new StructureXmlSchema(validator.structures);
  const { files, missing } = await discoverInputs(opts.paths);
  for (const m of missing) usageErrors.push(`${m.path}: ${m.reason}`);

  const results: CheckResult[] = [];
  const inputs: ReportInput[] = [];
  let done = 0;
  for (const file of files) {
    const summary: FileSummary = { path: file.path, sha256: '', bytes: 0, resources: 0 };
    for await (const unit of readInput(file, xmlSchema, summary)) {
      const produced = unit.parsed ? await validator.validateAsync(unit.parsed, unit.target) : [unreadable(unit.target, unit.issues)];
      for (const r of produced) {
        results.push(r);
        opts.onResult?.(r, ++done);
      }
    }
    inputs.push({ path: summary.path, sha256: summary.sha256, bytes: summary.bytes, resources: summary.resources });
  }
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
    terminology: !local ? { mode: 'off' } : remote ? { mode: 'server', server: opts.tx!.url, ...txStats(remote) } : { mode: 'offline' },
    results,
    exchanges: [],
    summary: summarize(results),
  };
  return { report, usageErrors };
}

function txStats(remote: RemoteTerminology): { requests: number; cacheHits: number; failures: number } {
  const s = remote.stats();
  return { requests: s.requests, cacheHits: s.cacheHits, failures: s.failures };
}

function unreadable(target: string, issues: Issue[]): CheckResult {
  return {
    checkId: 'validate/resource', title: 'Input is a readable FHIR resource', target, status: 'fail', optional: false,
    requirementIds: [], issues, durationMs: 0, resource: { profiles: [] },
  };
}

/** Package-loading warnings belong to the run, so they get a result of their own (optional: never gating). */
function packageResult(issues: Issue[]): CheckResult {
  return {
    checkId: 'validate/packages', title: 'Conformance packages loaded', target: 'packages', status: 'pass', optional: true,
    requirementIds: [], issues, durationMs: 0,
  };
}
