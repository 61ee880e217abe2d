// probeServer(): runs every check against a live FHIR server and returns a `probe` Report with requirements,
// results, redacted exchanges and the summary. Setup problems (bad URL, unreadable files) throw ProbeSetupError.
import { REPORT_SCHEMA_VERSION, type Report } from '../model/report.js';
import type { Requirement } from '../model/result.js';
import { bearerAuth, clientCredentialsAuth, resolveBearerToken, type AuthProvider, type ClientCredentialsOptions } from '../http/auth.js';
import { HttpClient } from '../http/client.js';
import { isSecretName } from '../http/redact.js';
import { loadTlsMaterial } from '../http/load-tls.js';
import type { TlsMaterial } from '../http/types.js';
import { rollUpRequirements, summarize } from '../report/summarize.js';
import { generalRequirements } from '../requirements/general.js';
import { planRequirements } from '../requirements/plan-requirements.js';
import type { RequirementsPlan } from '../requirements/types.js';
import { DEFAULT_PLANS } from '../requirements/ukcore-access.js';
import { toolInfo } from '../util/tool-info.js';
import type { Probe, ProbeContext } from './define-probe.js';
import { buildProbes } from './registry.js';
import { runProbes } from './runner.js';
import { FhirSession, type ValidateFn } from './session.js';

export interface ProbeServerOptions {
  /** FHIR base URL of the server under test. */
  baseUrl: string;
  /** Validates one resource against UK Core and its claimed profiles (the lead passes the real validator). */
  validate: ValidateFn;
  /** Requirement plans; default UK Core Access Clinical Data Provider + Patient Index Provider. */
  plans?: readonly RequirementsPlan[];
  /** Test patient by logical id (`--patient-id`). */
  patientId?: string;
  /** Test patient by NHS Number (`--nhs-number`). */
  nhsNumber?: string;
  /** Allow plain HTTP (`--allow-http`, local tests only). */
  allowHttp?: boolean;
  /** Allow checks that write (`--allow-writes`). None of the current checks writes. */
  allowWrites?: boolean;
  /** HTTP attempts budget (`--max-requests`). Default 500. */
  maxRequests?: number;
  /** Per-request deadline in ms, headers and body (`--timeout`). Default 30 000. */
  timeoutMs?: number;
  /** Requests in flight (`--concurrency`). Default 4. */
  concurrency?: number;
  /** Deadline for one check. Default 4 × timeoutMs. */
  probeTimeoutMs?: number;
  /** Largest response body accepted. Default 20 MiB. */
  maxResponseBytes?: number;
  /** Search pages followed per query. Default 5. */
  maxPages?: number;
  /** Extra request headers (`-H name:value`). Credential-like names go to the server's origin only. */
  headers?: Record<string, string>;
  /** Bearer token; else `bearerTokenFile`, else $UKCORE_BEARER_TOKEN. */
  bearerToken?: string;
  bearerTokenFile?: string;
  /** OAuth2 client credentials (`--token-url --client-id --client-secret-file|--private-key …`). */
  oauth?: ClientCredentialsOptions;
  /** PEM files for mutual TLS and a private CA (`--cert --key --ca`). */
  cert?: string;
  key?: string;
  ca?: string;
  /** PEM material given directly (programmatic use); merged over the files. */
  tlsMaterial?: TlsMaterial;
  /** Only run checks whose id starts with one of these prefixes (`capability/`, `search/param/Patient/`). */
  only?: string[];
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** The command line, already redacted, recorded in the report. */
  command?: string[];
}

/** A configuration problem found before any request is sent (exit 2 in the CLI). */
export class ProbeSetupError extends Error {
  override readonly name = 'ProbeSetupError';
}

function skipAll(probes: Probe[], keep: string, message: string): Probe[] {
  return probes.map((p) => (p.meta.id === keep ? p : { meta: p.meta, run: async (ctx: ProbeContext) => ctx.skip(message) }));
}

async function setup(options: ProbeServerOptions): Promise<{ base: URL; tls: TlsMaterial; auth?: AuthProvider; http: HttpClient }> {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new ProbeSetupError(`'${options.baseUrl}' is not a URL; give the FHIR base, e.g. https://fhir.example.nhs.uk/R4`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new ProbeSetupError(`unsupported URL scheme ${base.protocol}`);
  let tls: TlsMaterial;
  try {
    tls = { ...(await loadTlsMaterial({ cert: options.cert, key: options.key, ca: options.ca })), ...options.tlsMaterial };
  } catch (err) {
    throw new ProbeSetupError(`cannot read a TLS file: ${(err as Error).message}`);
  }
  if (Boolean(tls.cert) !== Boolean(tls.key)) throw new ProbeSetupError('mutual TLS needs both --cert and --key');
  let token: string | undefined;
  try {
    token = await resolveBearerToken({ token: options.bearerToken, file: options.bearerTokenFile, env: options.env });
  } catch (err) {
    throw new ProbeSetupError(`cannot read the bearer token file: ${(err as Error).message}`);
  }
  const common = {
    credentialOrigin: base.origin, allowHttp: options.allowHttp ?? false, allowWrites: options.allowWrites ?? false,
    maxRequests: options.maxRequests ?? 500, concurrency: options.concurrency ?? 4, timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: options.maxResponseBytes, tls, headers: options.headers, signal: options.signal,
    userAgent: `${toolInfo().name}/${toolInfo().version}`,
  };
  if (token) return { base, tls, auth: bearerAuth(token), http: new HttpClient({ ...common, auth: bearerAuth(token) }) };
  if (options.oauth) {
    // The token endpoint is called through the same recording client (its exchanges are evidence, redacted).
    let auth: AuthProvider | undefined;
    const lazy: AuthProvider = { headers: (s) => auth!.headers(s), secrets: () => auth?.secrets() ?? [] };
    const http = new HttpClient({ ...common, auth: lazy });
    try {
      auth = await clientCredentialsAuth({ ...options.oauth, env: options.oauth.env ?? options.env }, http.postForm);
    } catch (err) {
      await http.close();
      throw new ProbeSetupError(`OAuth2 client credentials: ${(err as Error).message}`);
    }
    return { base, tls, auth, http };
  }
  return { base, tls, http: new HttpClient(common) };
}

/** Probes a FHIR server against the plans and returns the finished report (never throws for server behaviour). */
export async function probeServer(options: ProbeServerOptions): Promise<Report> {
  const startedAt = new Date().toISOString();
  const plans = options.plans ?? DEFAULT_PLANS;
  const { base, tls, auth, http } = await setup(options);
  try {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const hasCredentials = Boolean(auth || tls.cert || Object.keys(options.headers ?? {}).some(isSecretName));
    const signal = options.signal ?? new AbortController().signal;
    const session = new FhirSession(http, base.toString(), {
      patientId: options.patientId, nhsNumber: options.nhsNumber, hasCredentials, tls, timeoutMs,
      allowHttp: options.allowHttp ?? false, validate: options.validate, maxPages: options.maxPages ?? 5,
    }, signal);
    let probes = buildProbes(plans);
    if (options.only?.length) probes = probes.filter((p) => options.only!.some((prefix) => p.meta.id.startsWith(prefix)));
    if (base.protocol === 'http:' && !options.allowHttp) {
      probes = skipAll(probes, 'security/https', 'not run: the base URL is plain HTTP (use --allow-http for a local test server)');
    }
    const results = await runProbes(probes, session, {
      concurrency: options.concurrency ?? 4, probeTimeoutMs: options.probeTimeoutMs ?? timeoutMs * 4,
      defaultTarget: session.base, allowWrites: options.allowWrites ?? false, signal,
    });
    const cited = new Set(results.flatMap((r) => r.requirementIds));
    const requirements: Requirement[] = [
      ...plans.flatMap(planRequirements),
      ...generalRequirements().filter((r) => cited.has(r.id)),
    ];
    const cs = session.capability;
    const software = cs?.software as { name?: unknown; version?: unknown } | undefined;
    const report: Report = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      kind: 'probe',
      tool: toolInfo(),
      startedAt,
      finishedAt: new Date().toISOString(),
      command: options.command ?? [],
      packages: [],
      inputs: [],
      target: {
        baseUrl: session.base,
        ...(session.capabilitySha256 ? { capabilityStatementSha256: session.capabilitySha256 } : {}),
        ...(typeof software?.name === 'string' ? { software: [software.name, software.version].filter((x) => typeof x === 'string').join(' ') } : {}),
      },
      requirements: rollUpRequirements(requirements, results),
      results,
      exchanges: http.exchanges,
      summary: summarize(results, { resources: new Set(session.received.map((r) => `${String(r.resource.resourceType)}/${String(r.resource.id)}`)).size }),
    };
    return report;
  } finally {
    await http.close();
  }
}
