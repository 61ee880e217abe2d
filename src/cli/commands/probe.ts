// `ukcore-check probe [base-url]` and `ukcore-check sandbox`: the options; the work loads only when it runs.
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { addConfigOptions } from './config-options.js';
import { collect } from './validate.js';

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number >= 1, not '${v}'`);
    return n;
  };
}

export function registerProbe(program: Command, run: (code: Promise<number>) => void): void {
  const probe = program
    .command('probe')
    .description("test a live FHIR server against UK Core and UK Core Access: capability, searches, content, errors, security (GET/HEAD only unless --allow-writes)")
    .argument('[base-url]', 'FHIR base URL, e.g. https://fhir.example.nhs.uk/R4 (default: server.baseUrl of the configuration file)')
    .option('--requirements <file|canonical>', 'requirements CapabilityStatement (kind=requirements) instead of UK Core Access CDP + PIP; repeatable', collect, [])
    .option('--patient-id <id>', 'a test patient on the server (logical id)')
    .option('--nhs-number <n>', 'a test patient on the server (NHS Number)')
    .option('--allow-http', 'allow plain http:// (local tests only; otherwise the HTTPS check fails and nothing is sent)')
    .option('--allow-writes', 'allow checks that POST/PUT/DELETE (none of the current checks writes)')
    .option('--max-requests <n>', 'request budget for the whole run (default 500)', positiveInt('--max-requests'))
    .option('--timeout <ms>', 'per-request timeout, headers and body (default 30000)', positiveInt('--timeout'))
    .option('--concurrency <n>', 'requests in flight (default 4)', positiveInt('--concurrency'))
    .option('--only <prefix>', 'only run checks whose id starts with this, repeatable (e.g. capability/)', collect, [])
    .option('-H, --header <name:value>', 'extra request header, repeatable; credential-like headers go to the server origin only', collect, [])
    .option('--bearer-token-file <file>', 'file holding a bearer token (or set UKCORE_BEARER_TOKEN)')
    .option('--token-url <url>', 'OAuth2 token endpoint (client credentials)')
    .option('--client-id <id>', 'OAuth2 client id')
    .option('--client-secret-file <file>', 'file holding the client secret (or set UKCORE_CLIENT_SECRET)')
    .option('--private-key <pem>', 'private key for private_key_jwt client authentication (NHS England API platform style)')
    .option('--alg <alg>', 'JWT algorithm for --private-key: RS256, RS384 or ES256', 'RS256')
    .option('--kid <kid>', 'key id for the client assertion')
    .option('--scope <scope>', 'OAuth2 scope')
    .option('--cert <pem>', 'client certificate for mutual TLS')
    .option('--key <pem>', 'client key for mutual TLS')
    .option('--ca <pem>', 'extra CA certificate(s) to trust')
    .option('--ig <dir|tgz|id#version>', 'FHIR package for content validation (default: UK Core from the package cache)', collect, [])
    .option('-f, --format <name[:path]>', 'output format, repeatable (stylish, json, html, pdf, junit, testreport, csv, markdown, ...)', collect, [])
    .addOption(new Option('--fail-on <level>', 'lowest severity that fails: error or warning').default('error').env('UKCORE_CHECK_FAIL_ON'))
    .option('--max-warnings <n>', 'fail when there are more than n warnings', (v) => Number(v))
    .option('--exit-zero', 'exit 0 even when the run fails the gate (findings are still reported; errors still exit 2)')
    .option('--waivers <file>', 'JSON waiver file')
    .option('--baseline <report.json>', 'a previous JSON report: only new failures fail')
    .option('--sign <key.pem>', 'sign the report with an Ed25519 private key')
    .option('-q, --quiet', 'print errors only');
  addConfigOptions(probe).action((baseUrl: string | undefined, opts: Record<string, any>, cmd: Command) =>
    run(import('./probe-action.js').then((m) => m.probeCommand(baseUrl, { ...cmd.optsWithGlobals(), ...opts }, cmd))));

  program
    .command('sandbox')
    .description('run the reference UK Core FHIR server (synthetic data) on this machine, optionally with faults, until Ctrl-C')
    .option('--port <n>', 'port (default: a free one)', (v) => Number(v))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--fault <name>', 'switch on a fault, repeatable (see the README for the list)', collect, [])
    .option('--https', 'serve HTTPS with a self-signed certificate made at start (needs openssl)')
    .action((opts: Record<string, any>) => run(import('./probe-action.js').then((m) => m.sandboxCommand(opts))));
}
