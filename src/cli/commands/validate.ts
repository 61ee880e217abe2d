// `ukcore-check validate <paths...>`: validate files, folders and globs; render the report; return the exit code.
import type { Command } from 'commander';
import { runValidate } from '../../validate/run-validate.js';
import { gate } from '../../report/gating.js';
import { UsageError } from '../errors.js';
import { parseFormats, writeOutputs } from '../output.js';
import { Progress } from '../progress.js';
import { useColor } from '../color.js';
import { redactArgv } from '../redact-argv.js';
import { readDefaultPackages } from '../default-packages.js';

export interface GlobalOptions {
  debug?: boolean;
  quiet?: boolean;
  color?: boolean;
}

export function registerValidate(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command('validate')
    .description('validate FHIR R4 resources (JSON, XML, NDJSON, Bundles) against the base specification and UK Core')
    .argument('<paths...>', 'files, folders (searched recursively) or glob patterns')
    .option('-f, --format <name[:path]>', 'output format, repeatable; name:path writes a file (stylish, json, operationoutcome, ...)', collect, [])
    .option('--ig <dir|tgz|id#version>', 'load a FHIR package (folder, .tgz, or id#version from ~/.fhir/packages), repeatable', collect, [])
    .option('--base-only', 'validate against base FHIR R4 only (do not load the default UK Core package)')
    .option('--fail-on <level>', 'lowest severity that fails the run: error or warning', 'error')
    .option('--max-warnings <n>', 'fail when there are more than n warnings', (v) => parseNonNegative(v, '--max-warnings'))
    .option('-q, --quiet', 'report errors only (drop warnings and information from the console output)')
    .action((paths: string[], opts: Record<string, any>, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions & Record<string, any>;
      run(validateCommand(paths, { ...globals, ...opts }));
    });
}

async function validateCommand(paths: string[], opts: Record<string, any>): Promise<number> {
  const formats = parseFormats(opts.format, 'stylish');
  if (opts.failOn !== 'error' && opts.failOn !== 'warning') throw new UsageError(`--fail-on must be 'error' or 'warning', not '${opts.failOn}'`);
  const defaults = readDefaultPackages();
  const igs: string[] = [...opts.ig];
  const notes: string[] = [];
  if (!opts.baseOnly && igs.length === 0) {
    const ukcore = defaults.findUkCore();
    if (ukcore) igs.push(ukcore);
    else notes.push(`UK Core (${defaults.ukcore}) is not in the FHIR package cache: validating against base FHIR R4 only. Use --ig <folder|tgz> or 'ukcore-check packages install ${defaults.ukcore}', or --base-only to silence this.`);
  }
  const progress = new Progress(Boolean(process.stderr.isTTY) && !opts.quiet);
  const { report, usageErrors } = await runValidate({
    paths,
    igs,
    optionalPackages: opts.baseOnly ? [] : defaults.optional,
    command: redactArgv(process.argv.slice(2)),
    onResult: (_r, done) => progress.update(done, 'validated'),
  });
  progress.done();
  for (const n of notes) process.stderr.write(`ukcore-check: ${n}\n`);
  if (usageErrors.length) {
    throw new UsageError(usageErrors.join('\n  '), paths.length ? 'check the paths and --ig sources' : undefined);
  }
  const shown = opts.quiet ? quietCopy(report) : report;
  const color = useColor(opts.color);
  const { problems } = await writeOutputs(shown, formats, { color }, (t) => process.stdout.write(t));
  for (const p of problems) process.stderr.write(`ukcore-check: ${p}\n`);
  return gate(report, { failOn: opts.failOn, ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}) }).exitCode;
}

/** --quiet drops warnings and information from what is printed; the verdict is unchanged. */
function quietCopy<T extends { results: Array<{ issues: Array<{ severity: string }> }> }>(report: T): T {
  return { ...report, results: report.results.map((r) => ({ ...r, issues: r.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal') })) };
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseNonNegative(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} takes a whole number >= 0, not '${v}'`);
  return n;
}
