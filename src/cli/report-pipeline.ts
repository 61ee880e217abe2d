// What every command does with a finished run: waivers, baseline, digest or signature, outputs, then the gate.
import { readFileSync } from 'node:fs';
import type { Report } from '../model/report.js';
import path from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { applyBaseline, applyWaivers, gate, parseWaivers, readReportFile, signReport, withDigest } from '../report/index.js';
import { applyRuleSettings } from '../report/rule-settings.js';
import { registeredRules } from '../rules/define-rule.js';
import { writeGithubStepSummary } from '../reporters/github-summary.js';
import { UsageError } from './errors.js';
import { writeOutputs, type FormatSpec } from './output.js';

export interface PipelineOptions {
  formats: FormatSpec[];
  color: boolean;
  waivers?: string;
  baseline?: string;
  /** Ed25519 private key (PEM file) for a detached signature. */
  sign?: string;
  failOn?: 'error' | 'warning';
  maxWarnings?: number;
  /** Drop warnings and information from what is printed (the gate still sees everything). */
  quiet?: boolean;
  /** Report findings but exit 0 even when they fail the gate (usage and internal errors still exit 2). */
  exitZero?: boolean;
  /** The configuration file in force: recorded in the report, its `rules` and `ignore` applied. */
  config?: LoadedConfig;
}

/** Reads and checks every input of the pipeline before the (possibly long) run starts: bad ones are exit 2. */
export function preflight(opts: { waivers?: string; baseline?: string; sign?: string; failOn?: string }): void {
  if (opts.failOn && opts.failOn !== 'error' && opts.failOn !== 'warning') throw new UsageError(`--fail-on must be 'error' or 'warning', not '${opts.failOn}'`);
  for (const [flag, file] of [['--waivers', opts.waivers], ['--baseline', opts.baseline], ['--sign', opts.sign]] as const) {
    if (!file) continue;
    try {
      readFileSync(file);
    } catch (e) {
      throw new UsageError(`${flag} ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  }
}

export async function finishAndWrite(report: Report, opts: PipelineOptions): Promise<number> {
  let r = report;
  if (opts.config) {
    const { config } = opts.config;
    const source = { path: displayPath(opts.config.path), sha256: opts.config.sha256 };
    r = { ...r, config: source };
    if (config.rules && Object.keys(config.rules).length) {
      r = applyRuleSettings(r, config.rules, source);
      for (const id of unknownRuleIds(Object.keys(config.rules))) {
        process.stderr.write(`ukcore-check: ${source.path}: rules: '${id}' is not a rule of this tool (a misspelling?); it changed nothing\n`);
      }
    }
    if (config.ignore?.length) {
      r = applyWaivers(r, config.ignore, new Date().toISOString().slice(0, 10), { source: source.path, baseDir: path.dirname(opts.config.path) });
    }
  }
  if (opts.waivers) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(opts.waivers, 'utf8'));
    } catch (e) {
      throw new UsageError(`--waivers ${opts.waivers} is not JSON: ${(e as Error).message}`);
    }
    const parsed = parseWaivers(json);
    if (!parsed.ok) throw new UsageError(`--waivers ${opts.waivers} is not a valid waiver file:\n    ${parsed.errors.join('\n    ')}`);
    r = applyWaivers(r, parsed.waivers, new Date().toISOString().slice(0, 10), { source: opts.waivers });
  }
  if (opts.baseline) {
    const loaded = await readReportFile(opts.baseline);
    if (!loaded.ok) throw new UsageError(`--baseline ${opts.baseline} is not a ukcore-check report: ${loaded.errors.join('; ')}`);
    r = applyBaseline(r, loaded.report);
  }
  if (opts.sign) {
    const signed = signReport(r, readFileSync(opts.sign, 'utf8'));
    if (!signed.ok) throw new UsageError(`--sign ${opts.sign}: ${signed.error}`);
    r = signed.report;
  } else {
    r = withDigest(r);
  }
  // Files always get the whole, signed report; --quiet only trims what is printed to the console.
  const toFiles = opts.formats.filter((f) => f.path);
  const toStdout = opts.formats.filter((f) => !f.path);
  const write = (rep: Report, formats: FormatSpec[]) => writeOutputs(rep, formats, { color: opts.color }, (t) => process.stdout.write(t));
  // --quiet trims only the console formats people read; a JSON, SARIF, JUnit or HTML report on standard output stays
  // the whole report, so its digest and signature still verify.
  const problems = [...(await write(r, toFiles)).problems];
  const quiet = opts.quiet ? quietCopy(r) : r;
  for (const f of toStdout) problems.push(...(await write(QUIET_FORMATS.has(f.name) ? quiet : r, [f])).problems);
  for (const p of problems) process.stderr.write(`ukcore-check: ${p}\n`);
  if (opts.formats.some((f) => f.name === 'github')) await writeGithubStepSummary(r);
  const gating = { ...(opts.failOn ? { failOn: opts.failOn } : {}), ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}) };
  const code = gate(r, gating).exitCode;
  return code === 1 && opts.exitZero ? 0 : code;
}

/**
 * Rule ids of a configuration that name no rule, judged only in categories this command has loaded (a probe rule in
 * a shared file is not a misspelling when validating).
 */
function unknownRuleIds(ids: string[]): string[] {
  const known = registeredRules();
  const categories = new Set([...known.keys()].map((k) => k.split('/')[0]));
  return ids.filter((id) => !known.has(id) && categories.has(id.split('/')[0]));
}

/** A path as the user would write it: relative to the working directory when inside it. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Console formats that --quiet trims to errors. */
const QUIET_FORMATS = new Set(['stylish', 'github']);

/**
 * --quiet keeps only errors in what is printed, and the printed counts match (as ESLint's --quiet); the verdict and the
 * report written to files are unchanged.
 */
function quietCopy(report: Report): Report {
  return {
    ...report,
    results: report.results.map((c) => ({ ...c, issues: c.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal') })),
    summary: { ...report.summary, warningCount: 0, informationCount: 0 },
  };
}
