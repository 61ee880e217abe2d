// The ukcore-check command line: commander program and the ONLY place that sets the process exit code.
import { Command, CommanderError } from 'commander';
import { toolInfo } from '../util/tool-info.js';
import { describeError } from './errors.js';
import { registerValidate } from './commands/validate.js';
import { registerPackages } from './commands/packages.js';
import { registerReport } from './commands/report.js';
import { registerProbe } from './commands/probe.js';

/** Exit codes (README "Exit codes"): 0 pass, 1 conformance failures, 2 usage/input/internal error. */
export const EXIT = { pass: 0, fail: 1, error: 2 } as const;

export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  let pending: Promise<number> | undefined;
  const program = new Command('ukcore-check')
    .description('Validate FHIR R4 resources and probe FHIR servers against UK Core; write conformance reports')
    .version(toolInfo().version, '-v, --version')
    .option('--debug', 'show stack traces for internal errors')
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output (NO_COLOR is honoured too)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const run = (p: Promise<number>) => {
    pending = p;
  };
  registerValidate(program, run);
  registerPackages(program, run);
  registerReport(program, run);
  registerProbe(program, run);

  let code: number = EXIT.pass;
  try {
    await program.parseAsync(argv);
    if (pending) code = await pending;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with exitCode 0; parse errors were already printed by commander.
      code = e.exitCode === 0 ? EXIT.pass : EXIT.error;
    } else {
      process.stderr.write(`${describeError(e, debug)}\n`);
      code = EXIT.error;
    }
  }
  process.exitCode = code === EXIT.pass || code === EXIT.fail ? code : EXIT.error;
}
