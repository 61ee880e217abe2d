// `ukcore-check report <results.json>` re-renders a saved run; `ukcore-check verify <report>` checks its integrity.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { collect } from './validate.js';

export function registerReport(program: Command, run: (code: Promise<number>) => void): void {
  program
    .command('report')
    .description('render a saved JSON (or HTML) report into other formats, and apply gating, waivers or a baseline again')
    .argument('<report>', 'a report written with --format json (or html)')
    .option('-f, --format <name[:path]>', 'output format, repeatable; name:path writes a file', collect, [])
    .option('--fail-on <level>', 'lowest severity that fails: error or warning', 'error')
    .option('--max-warnings <n>', 'fail when there are more than n warnings', (v) => Number(v))
    .option('--exit-zero', 'exit 0 even when the run fails the gate (findings are still reported; errors still exit 2)')
    .option('--waivers <file>', 'JSON waiver file')
    .option('--baseline <report.json>', 'a previous JSON report: only new issues fail')
    .option('--sign <key.pem>', 'sign with this Ed25519 private key (PEM)')
    .action((file: string, opts: Record<string, any>, cmd: Command) => run(reportCommand(file, { ...cmd.optsWithGlobals(), ...opts })));
  program
    .command('verify')
    .description("check a report's digest and signature (exit 0 intact, 1 not intact or not signed by --key)")
    .argument('<report>', 'a JSON or HTML report')
    .option('--key <public.pem>', 'the public key the report must be signed with (else the embedded key is used)')
    .action((file: string, opts: { key?: string }) => run(verifyCommand(file, opts)));
}

async function reportCommand(file: string, opts: Record<string, any>): Promise<number> {
  const [{ readReportFile }, { parseFormats }, { finishAndWrite, preflight }, { useColor }] = await Promise.all([
    import('../../report/index.js'), import('../output.js'), import('../report-pipeline.js'), import('../color.js'),
  ]);
  const formats = parseFormats(opts.format, 'stylish');
  preflight(opts);
  if (opts.maxWarnings !== undefined && !(Number.isInteger(opts.maxWarnings) && opts.maxWarnings >= 0)) throw new UsageError('--max-warnings takes a whole number >= 0');
  const loaded = await readReportFile(file);
  if (!loaded.ok) throw new UsageError(`${file} is not a ukcore-check report: ${loaded.errors.join('; ')}`);
  // A signed report is re-rendered as it is; changing it (waivers, baseline) drops the old signature.
  const changes = opts.waivers || opts.baseline || opts.sign;
  const base = changes ? { ...loaded.report, integrity: undefined } : loaded.report;
  return finishAndWrite(base, { ...opts, formats, color: useColor(opts.color) });
}

async function verifyCommand(file: string, opts: { key?: string }): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const { verifyReportFile } = await import('../../report/index.js');
  let key: string | undefined;
  if (opts.key) {
    try {
      key = readFileSync(opts.key, 'utf8');
    } catch (e) {
      throw new UsageError(`--key ${opts.key}: ${(e as Error).message}`);
    }
  }
  const r = await verifyReportFile(file, key ? { key } : {});
  for (const n of r.notes ?? []) process.stdout.write(`${n}\n`);
  if (r.ok) {
    process.stdout.write(`OK: ${file} is intact${r.signed ? `, signed by key ${r.keyFingerprint}` : ' (digest only, not signed)'}\n`);
    return 0;
  }
  process.stdout.write(`NOT VERIFIED: ${file}\n${r.reasons.map((x) => `  - ${x}`).join('\n')}\n`);
  return 1;
}
