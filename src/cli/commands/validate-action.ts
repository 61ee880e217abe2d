// The work of `ukcore-check validate`: load packages, validate, render every format, decide the exit code.
import type { Command } from 'commander';
import { configFor, withValidateConfig } from '../../config/apply-config.js';
import { runValidate } from '../../validate/run-validate.js';
import { finishAndWrite, preflight } from '../report-pipeline.js';
import { UsageError } from '../errors.js';
import { parseFormats } from '../output.js';
import { Progress } from '../progress.js';
import { useColor } from '../color.js';
import { redactArgv } from '../redact-argv.js';
import { readDefaultPackages } from '../default-packages.js';

export async function validateCommand(paths: string[], cliOpts: Record<string, any>, cmd?: Command): Promise<number> {
  const config = configFor(cliOpts);
  const opts = cmd ? withValidateConfig(cliOpts, cmd, config) : cliOpts;
  const formats = parseFormats(opts.format, 'stylish');
  preflight(opts);
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
    terminology: opts.terminology !== false,
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    profiles: { requested: opts.profile ?? [], ukcoreDefault: opts.ukcoreDefault !== false },
    ...(opts.tx && opts.tx !== 'n/a' ? { tx: { url: String(opts.tx), ...(opts.txTimeout ? { timeoutMs: opts.txTimeout } : {}) } } : {}),
    onResult: (_r, done) => progress.update(done, 'validated'),
  });
  progress.done();
  for (const n of notes) process.stderr.write(`ukcore-check: ${n}\n`);
  if (usageErrors.length) throw new UsageError(usageErrors.join('\n  '), 'check the paths and --ig sources');
  return finishAndWrite(report, { ...opts, formats, color: useColor(opts.color), ...(config ? { config } : {}) });
}
