// `ukcore-check validate <paths...>`: the command's options; the work is loaded only when it runs (fast --help).
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { addConfigOptions } from './config-options.js';

export interface GlobalOptions {
  debug?: boolean;
  quiet?: boolean;
  color?: boolean;
}

export function registerValidate(program: Command, run: (code: Promise<number>) => void): void {
  const command = program
    .command('validate')
    .description('validate FHIR R4 resources (JSON, XML, NDJSON, Bundles) against the base specification and UK Core')
    .argument('<paths...>', 'files, folders (searched recursively) or glob patterns')
    .option('-f, --format <name[:path]>', 'output format, repeatable; name:path writes a file (stylish, json, operationoutcome, ...)', collect, [])
    .option('--ig <dir|tgz|id#version>', 'load a FHIR package (folder, .tgz, or id#version from ~/.fhir/packages), repeatable', collect, [])
    .addOption(new Option('--tx <url>', "FHIR terminology server for codes local content cannot decide (SNOMED CT, dm+d, LOINC); 'n/a' = offline (default)").env('UKCORE_CHECK_TX'))
    .option('--tx-timeout <ms>', 'per-request timeout for the terminology server', (v) => parseNonNegative(v, '--tx-timeout'))
    .option('--no-terminology', 'do not check codes, bindings or code systems at all')
    .option('--profile <url>', 'also check every resource of the profile\'s type against this profile (canonical, url|version); repeatable', collect, [])
    .option('--no-ukcore-default', 'do not check resources against UKCore-<Type> unless they claim it in meta.profile')
    .option('--base-only', 'validate against base FHIR R4 only (do not load the default UK Core package)')
    .option('--jobs <n>', 'validators working at once (this thread plus n-1 workers); default: cores-1, at most 4, for large inputs only', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs takes a whole number >= 1, not '${v}'`);
      return n;
    })
    .addOption(new Option('--fail-on <level>', 'lowest severity that fails the run: error or warning').default('error').env('UKCORE_CHECK_FAIL_ON'))
    .option('--max-warnings <n>', 'fail when there are more than n warnings', (v) => parseNonNegative(v, '--max-warnings'))
    .option('--exit-zero', 'exit 0 even when the run fails the gate (findings are still reported; errors still exit 2)')
    .option('--waivers <file>', 'JSON waiver file: accepted deviations, each with reason, owner and expiry')
    .option('--baseline <report.json>', 'a previous JSON report: only issues new since then fail the run')
    .option('--sign <key.pem>', 'sign the report with this Ed25519 private key (PEM)')
    .option('-q, --quiet', 'report errors only (drop warnings and information from the console output)');
  addConfigOptions(command).action((paths: string[], opts: Record<string, any>, cmd: Command) => {
    const globals = cmd.optsWithGlobals() as GlobalOptions & Record<string, any>;
    run(import('./validate-action.js').then((m) => m.validateCommand(paths, { ...globals, ...opts }, cmd)));
  });
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseNonNegative(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} takes a whole number >= 0, not '${v}'`);
  return n;
}
