// The work of `probe` (live-server checks with the real validator) and `sandbox` (the reference server).
import type { Command } from 'commander';
import { configFor, withProbeConfig } from '../../config/apply-config.js';
import { loadPackages } from '../../packages/load-packages.js';
import { probeServer, ProbeSetupError, type ProbeServerOptions } from '../../probes/index.js';
import { loadRequirements, type RequirementsPlan } from '../../requirements/index.js';
import { FAULT_NAMES, isSandboxFault, startSandbox } from '../../sandbox/index.js';
import { LocalTerminology } from '../../terminology/index.js';
import { Validator } from '../../validate/validator.js';
import { valueValidator } from '../../validate/validate-value.js';
import { useColor } from '../color.js';
import { readDefaultPackages } from '../default-packages.js';
import { UsageError } from '../errors.js';
import { parseFormats } from '../output.js';
import { redactArgv } from '../redact-argv.js';
import { finishAndWrite, preflight } from '../report-pipeline.js';

function headerMap(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of values) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UsageError(`-H '${h.split(':')[0]}…' must be 'name: value'`);
    out[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  return out;
}

export async function probeCommand(baseUrlArg: string | undefined, cliOpts: Record<string, any>, cmd?: Command): Promise<number> {
  const config = configFor(cliOpts);
  const opts = cmd ? withProbeConfig(cliOpts, cmd, config) : cliOpts;
  const baseUrl = baseUrlArg ?? config?.config.server?.baseUrl;
  if (!baseUrl) throw new UsageError('probe needs a FHIR base URL', 'give it as an argument, or as server.baseUrl in ukcore-check.config.json');
  const formats = parseFormats(opts.format, 'stylish');
  preflight(opts);
  const plans: RequirementsPlan[] = [];
  for (const ref of opts.requirements as string[]) {
    const loaded = await loadRequirements(ref);
    if (!loaded.ok) throw new UsageError(`--requirements ${ref}: ${loaded.issues.map((i) => i.message).join('; ')}`);
    plans.push(...loaded.plans);
  }
  const defaults = readDefaultPackages();
  const igs: string[] = [...opts.ig];
  if (igs.length === 0) {
    const uk = defaults.findUkCore();
    if (uk) igs.push(uk);
    else process.stderr.write(`ukcore-check: UK Core (${defaults.ukcore}) is not in the FHIR package cache: received resources are validated against base FHIR R4 only. Use --ig.\n`);
  }
  const set = loadPackages(igs, { optional: defaults.optional });
  const fatal = set.issues.filter((i) => i.severity === 'fatal');
  if (fatal.length) throw new UsageError(fatal.map((i) => i.message).join('\n  '));
  const validator = new Validator(set.defs, { terminology: { local: new LocalTerminology(set.defs) } });
  const options: ProbeServerOptions = {
    baseUrl,
    validate: valueValidator(validator),
    ...(plans.length ? { plans } : {}),
    ...(opts.patientId ? { patientId: opts.patientId } : {}),
    ...(opts.nhsNumber ? { nhsNumber: opts.nhsNumber } : {}),
    allowHttp: Boolean(opts.allowHttp),
    allowWrites: Boolean(opts.allowWrites),
    ...(opts.maxRequests ? { maxRequests: opts.maxRequests } : {}),
    ...(opts.timeout ? { timeoutMs: opts.timeout } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.only.length ? { only: opts.only } : {}),
    headers: headerMap(opts.header),
    ...(opts.bearerTokenFile ? { bearerTokenFile: opts.bearerTokenFile } : {}),
    ...(opts.cert ? { cert: opts.cert } : {}),
    ...(opts.key ? { key: opts.key } : {}),
    ...(opts.ca ? { ca: opts.ca } : {}),
    command: redactArgv(process.argv.slice(2)),
  };
  if (opts.tokenUrl || opts.clientId) {
    if (!opts.tokenUrl || !opts.clientId) throw new UsageError('--token-url and --client-id go together');
    let clientSecret: string | undefined;
    if (opts.clientSecretFile) {
      const { readFileSync } = await import('node:fs');
      clientSecret = readFileSync(opts.clientSecretFile, 'utf8').trim();
    }
    options.oauth = {
      tokenUrl: opts.tokenUrl, clientId: opts.clientId, alg: opts.alg,
      ...(clientSecret ? { clientSecret } : {}), ...(opts.privateKey ? { privateKeyFile: opts.privateKey } : {}),
      ...(opts.kid ? { kid: opts.kid } : {}), ...(opts.scope ? { scope: opts.scope } : {}),
    };
  }
  let report;
  try {
    report = await probeServer(options);
  } catch (e) {
    if (e instanceof ProbeSetupError) throw new UsageError(e.message);
    throw e;
  }
  // The standards the received resources were validated against belong in the report's method section.
  report = { ...report, packages: set.packages.map((p) => ({ id: p.id, version: p.version, sha256: p.sha256, source: p.source })) };
  return finishAndWrite(report, { ...opts, formats, color: useColor(opts.color), ...(config ? { config } : {}) });
}

export async function sandboxCommand(opts: Record<string, any>): Promise<number> {
  const faults = opts.fault as string[];
  for (const f of faults) if (!isSandboxFault(f)) throw new UsageError(`unknown fault '${f}'`, `choose from: ${FAULT_NAMES.join(', ')}`);
  const sandbox = await startSandbox({ host: opts.host, ...(opts.port ? { port: opts.port } : {}), faults: faults as never, ...(opts.https ? { https: true } : {}) });
  process.stdout.write(`UK Core sandbox FHIR server at ${sandbox.url}${faults.length ? ` (faults: ${faults.join(', ')})` : ''}\n`);
  process.stdout.write(`try: ukcore-check probe ${sandbox.url}${sandbox.url.startsWith('http:') ? ' --allow-http' : ''}\nPress Ctrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  return 0;
}
