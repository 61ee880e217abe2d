// A real FHIR terminology test server on loopback (node:http, port 0): $validate-code (ValueSet and CodeSystem forms,
// GET and POST Parameters), $expand, /metadata and an OAuth2 client-credentials token endpoint, over a small
// SNOMED-like code system, with switchable failure modes (slow, 500, 429 + Retry-After, malformed answers, 401).
// Operations: https://hl7.org/fhir/R4/valueset-operation-validate-code.html,
// https://hl7.org/fhir/R4/codesystem-operation-validate-code.html, https://hl7.org/fhir/R4/valueset-operation-expand.html
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SCT = 'http://snomed.info/sct';
export const FINDINGS_VS = 'http://example.org/fhir/ValueSet/clinical-findings';
export const PROCEDURES_VS = 'http://example.org/fhir/ValueSet/procedures';

interface Concept {
  code: string;
  display: string;
  synonyms: string[];
  parent?: string;
}

/** Real SNOMED CT identifiers and preferred terms, arranged in a small is-a tree. */
const CONCEPTS: Concept[] = [
  { code: '138875005', display: 'SNOMED CT Concept', synonyms: [] },
  { code: '404684003', display: 'Clinical finding', synonyms: [], parent: '138875005' },
  { code: '64572001', display: 'Disease', synonyms: ['Disorder'], parent: '404684003' },
  { code: '22298006', display: 'Myocardial infarction', synonyms: ['Heart attack', 'MI - Myocardial infarction'], parent: '64572001' },
  { code: '57054005', display: 'Acute myocardial infarction', synonyms: [], parent: '22298006' },
  { code: '38341003', display: 'Hypertensive disorder, systemic arterial', synonyms: ['High blood pressure'], parent: '64572001' },
  { code: '73211009', display: 'Diabetes mellitus', synonyms: [], parent: '64572001' },
  { code: '44054006', display: 'Diabetes mellitus type 2', synonyms: ['Type 2 diabetes mellitus'], parent: '73211009' },
  { code: '46635009', display: 'Diabetes mellitus type 1', synonyms: ['Type 1 diabetes mellitus'], parent: '73211009' },
  { code: '71388002', display: 'Procedure', synonyms: [], parent: '138875005' },
  { code: '387713003', display: 'Surgical procedure', synonyms: [], parent: '71388002' },
  { code: '80146002', display: 'Appendectomy', synonyms: ['Excision of appendix'], parent: '387713003' },
  { code: '105590001', display: 'Substance', synonyms: [], parent: '138875005' },
  { code: '387517004', display: 'Paracetamol', synonyms: ['Acetaminophen'], parent: '105590001' },
];

export const TX_CONCEPTS: readonly Concept[] = CONCEPTS;

export interface TxServerFaults {
  /** Delay (ms) before every FHIR answer. */
  delayMs: number;
  /** The next N FHIR requests answer 500 (Infinity: all). */
  fail500: number;
  /** The next N FHIR requests answer 429 with `retryAfter`. */
  rateLimit: number;
  /** Retry-After header for 429s: delay-seconds or an HTTP-date. */
  retryAfter: string;
  /** Answer 200 with a body that is not a Parameters resource (`json`) or not JSON at all (`text`). */
  malformed: false | 'json' | 'text';
  /** Refuse every bearer token (401) even freshly issued ones. */
  rejectTokens: boolean;
}

export interface TxServerCounts {
  /** FHIR requests of any kind (faulted ones included). */
  fhir: number;
  validateCode: number;
  expand: number;
  metadata: number;
  token: number;
  /** Most FHIR requests being handled at the same moment. */
  maxInFlight: number;
}

export interface TxServer {
  /** FHIR base, e.g. http://127.0.0.1:41234/fhir */
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  faults: TxServerFaults;
  counts: TxServerCounts;
  /** Invalidates every issued token (as an expiry would): the next request with one gets 401. */
  revokeTokens(): void;
  resetCounts(): void;
  close(): Promise<void>;
}

export interface TxServerOptions {
  /** Require a bearer token from the token endpoint on FHIR routes (default false). */
  requireAuth?: boolean;
  /** Lifetime of issued tokens in seconds (default 3600). */
  tokenLifetimeS?: number;
}

const NO_FAULTS: TxServerFaults = { delayMs: 0, fail500: 0, rateLimit: 0, retryAfter: '0', malformed: false, rejectTokens: false };

export async function startTxServer(options: TxServerOptions = {}): Promise<TxServer> {
  const byCode = new Map(CONCEPTS.map((c) => [c.code, c]));
  const tokens = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  const state: TxServer = {
    url: '',
    tokenUrl: '',
    clientId: 'ukcore-check-test',
    clientSecret: randomBytes(8).toString('hex'),
    faults: { ...NO_FAULTS },
    counts: { fhir: 0, validateCode: 0, expand: 0, metadata: 0, token: 0, maxInFlight: 0 },
    revokeTokens: () => tokens.clear(),
    resetCounts: () => Object.assign(state.counts, { fhir: 0, validateCode: 0, expand: 0, metadata: 0, token: 0, maxInFlight: 0 }),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const descendants = (code: string): Set<string> => {
    const out = new Set<string>();
    const queue = [code];
    while (queue.length) {
      const next = queue.pop()!;
      for (const c of CONCEPTS) {
        if (c.parent !== next || out.has(c.code)) continue;
        out.add(c.code);
        queue.push(c.code);
      }
    }
    return out;
  };

  /** The compose of a known or inline value set, evaluated over the code system; undefined when unknown. */
  const valueSetMembers = (vs: Record<string, any>): { codes: Set<string>; unknownSystems: string[] } => {
    const codes = new Set<string>();
    const unknownSystems: string[] = [];
    for (const inc of vs.compose?.include ?? []) {
      if (inc.system !== SCT) {
        unknownSystems.push(String(inc.system));
        continue;
      }
      if (Array.isArray(inc.concept)) for (const c of inc.concept) if (byCode.has(c.code)) codes.add(c.code);
      const filters: any[] = inc.filter ?? [];
      if (!inc.concept && filters.length === 0) for (const c of CONCEPTS) codes.add(c.code);
      for (const f of filters) {
        if (f.property !== 'concept') continue;
        if (f.op === 'is-a' && byCode.has(f.value)) [f.value, ...descendants(f.value)].forEach((c) => codes.add(c));
        if (f.op === 'descendent-of') descendants(f.value).forEach((c) => codes.add(c));
        if (f.op === '=' && byCode.has(f.value)) codes.add(f.value);
      }
    }
    for (const exc of vs.compose?.exclude ?? []) for (const c of exc.concept ?? []) codes.delete(c.code);
    return { codes, unknownSystems };
  };

  const knownValueSet = (url: string): Record<string, any> | undefined => {
    if (url === FINDINGS_VS) return { resourceType: 'ValueSet', url, compose: { include: [{ system: SCT, filter: [{ property: 'concept', op: 'is-a', value: '404684003' }] }] } };
    if (url === PROCEDURES_VS) return { resourceType: 'ValueSet', url, compose: { include: [{ system: SCT, filter: [{ property: 'concept', op: 'is-a', value: '71388002' }] }] } };
    if (url === `${SCT}?fhir_vs`) return { resourceType: 'ValueSet', url, compose: { include: [{ system: SCT }] } };
    const isa = /^http:\/\/snomed\.info\/sct\?fhir_vs=isa\/(\d+)$/.exec(url);
    if (isa) return { resourceType: 'ValueSet', url, compose: { include: [{ system: SCT, filter: [{ property: 'concept', op: 'is-a', value: isa[1] }] }] } };
    return undefined;
  };

  const validateCode = (form: 'ValueSet' | 'CodeSystem', p: Params): { status: number; body: unknown } => {
    const coding = p.coding;
    const code = p.code ?? coding?.code;
    const system = (form === 'CodeSystem' ? p.url : p.system) ?? coding?.system;
    const display = p.display ?? coding?.display;
    if (!code) return { status: 400, body: outcome('error', 'invalid', 'a code (or coding) is required') };
    let vs: Record<string, any> | undefined;
    if (form === 'ValueSet') {
      vs = p.valueSet ?? (p.url ? knownValueSet(p.url) : undefined);
      if (!vs) return { status: 404, body: outcome('error', 'not-found', `ValueSet ${p.url ?? '(none)'} is not known to this server`) };
    }
    if (system !== SCT) {
      return { status: 200, body: result(false, { message: `Unknown code system '${system ?? ''}'`, issue: ['error', 'not-found', `Unknown code system '${system ?? ''}'`] }) };
    }
    const concept = byCode.get(code);
    if (!concept) {
      return { status: 200, body: result(false, { message: `Unknown code '${code}' in the code system ${SCT}`, issue: ['error', 'invalid-code', `Unknown code '${code}'`] }) };
    }
    const extra: ResultExtra = { display: concept.display, code, system: SCT };
    if (display !== undefined && ![concept.display, ...concept.synonyms].some((d) => d.toLowerCase() === display.trim().toLowerCase())) {
      extra.message = `Wrong display '${display}' for ${SCT}#${code}; valid display is '${concept.display}'`;
      extra.issue = ['warning', 'invalid-display', extra.message];
    }
    if (vs) {
      const { codes } = valueSetMembers(vs);
      if (!codes.has(code)) {
        const msg = `The code ${SCT}#${code} is not in the value set ${vs.url ?? '(inline)'}`;
        return { status: 200, body: result(false, { ...extra, message: msg, issue: ['error', 'not-in-vs', msg] }) };
      }
    }
    return { status: 200, body: result(true, extra) };
  };

  const expand = (p: Params): { status: number; body: unknown } => {
    const vs = p.valueSet ?? (p.url ? knownValueSet(p.url) : undefined);
    if (!vs) return { status: 404, body: outcome('error', 'not-found', `ValueSet ${p.url ?? '(none)'} is not known to this server`) };
    const { codes, unknownSystems } = valueSetMembers(vs);
    if (unknownSystems.length > 0) return { status: 422, body: outcome('error', 'not-supported', `Unknown code system(s) ${unknownSystems.join(', ')}`) };
    let list = CONCEPTS.filter((c) => codes.has(c.code));
    if (p.filter) list = list.filter((c) => [c.display, ...c.synonyms].some((d) => d.toLowerCase().includes(p.filter!.toLowerCase())));
    const total = list.length;
    const offset = Number(p.offset ?? 0);
    const count = p.count !== undefined ? Number(p.count) : total;
    list = list.slice(offset, offset + count);
    return {
      status: 200,
      body: {
        resourceType: 'ValueSet',
        ...(vs.url ? { url: vs.url } : {}),
        status: 'active',
        expansion: { identifier: `urn:uuid:${randomBytes(8).toString('hex')}`, timestamp: new Date().toISOString(), total, offset, contains: list.map((c) => ({ system: SCT, code: c.code, display: c.display })) },
      },
    };
  };

  const metadata = (mode: string | undefined): unknown =>
    mode === 'terminology'
      ? { resourceType: 'TerminologyCapabilities', status: 'active', date: '2025-01-01', kind: 'instance', codeSystem: [{ uri: SCT }] }
      : {
          resourceType: 'CapabilityStatement',
          status: 'active',
          date: '2025-01-01',
          kind: 'instance',
          fhirVersion: '4.0.1',
          format: ['json'],
          rest: [
            {
              mode: 'server',
              resource: [
                { type: 'ValueSet', operation: [{ name: 'validate-code', definition: 'http://hl7.org/fhir/OperationDefinition/ValueSet-validate-code' }, { name: 'expand', definition: 'http://hl7.org/fhir/OperationDefinition/ValueSet-expand' }] },
                { type: 'CodeSystem', operation: [{ name: 'validate-code', definition: 'http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code' }] },
              ],
            },
          ],
        };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    state.counts.token++;
    const form = new URLSearchParams(await readBody(req));
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') as [string, string];
    if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials' || id !== state.clientId || secret !== state.clientSecret) {
      return send(res, 401, { error: 'invalid_client' }, 'application/json');
    }
    const value = randomBytes(16).toString('hex');
    const lifetime = options.tokenLifetimeS ?? 3600;
    tokens.set(value, Date.now() + lifetime * 1000);
    send(res, 200, { access_token: value, token_type: 'Bearer', expires_in: lifetime }, 'application/json');
  };

  const fhir = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    state.counts.fhir++;
    inFlight++;
    state.counts.maxInFlight = Math.max(state.counts.maxInFlight, inFlight);
    try {
      if (options.requireAuth) {
        const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
        const expiry = bearer ? tokens.get(bearer) : undefined;
        if (state.faults.rejectTokens || expiry === undefined || expiry < Date.now()) {
          res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
          return send(res, 401, outcome('error', 'login', 'missing, expired or invalid bearer token'));
        }
      }
      if (state.faults.rateLimit > 0) {
        state.faults.rateLimit--;
        res.setHeader('retry-after', state.faults.retryAfter);
        return send(res, 429, outcome('error', 'throttled', 'too many requests'));
      }
      if (state.faults.fail500 > 0) {
        state.faults.fail500--;
        return send(res, 500, outcome('fatal', 'exception', 'simulated server failure'));
      }
      if (state.faults.delayMs > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => (timers.delete(t), resolve()), state.faults.delayMs);
          timers.add(t);
        });
      }
      const route = url.pathname.replace(/^\/fhir/, '');
      let params: Params;
      try {
        params = await readParams(req, url);
      } catch (e) {
        return send(res, (e as { status?: number }).status ?? 400, outcome('error', 'invalid', (e as Error).message));
      }
      let answer: { status: number; body: unknown };
      if (route === '/metadata' && req.method === 'GET') {
        state.counts.metadata++;
        answer = { status: 200, body: metadata(url.searchParams.get('mode') ?? undefined) };
      } else if (route === '/ValueSet/$validate-code' || route === '/CodeSystem/$validate-code') {
        state.counts.validateCode++;
        answer = validateCode(route.startsWith('/ValueSet') ? 'ValueSet' : 'CodeSystem', params);
      } else if (route === '/ValueSet/$expand') {
        state.counts.expand++;
        answer = expand(params);
      } else {
        answer = { status: 404, body: outcome('error', 'not-found', `no route ${req.method} ${url.pathname}`) };
      }
      if (state.faults.malformed && answer.status === 200) {
        if (state.faults.malformed === 'text') return send(res, 200, '<html>proxy error page</html>', 'text/html');
        return send(res, 200, { resourceType: 'Parameters', parameter: [{ name: 'result', valueString: 'maybe' }] });
      }
      send(res, answer.status, answer.body);
    } finally {
      inFlight--;
    }
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = url.pathname === '/token' ? token(req, res) : url.pathname.startsWith('/fhir/') ? fhir(req, res, url) : Promise.resolve(send(res, 404, outcome('error', 'not-found', 'not found')));
    handler.catch(() => {
      if (!res.headersSent) send(res, 500, outcome('fatal', 'exception', 'test server error'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}/fhir`;
  state.tokenUrl = `http://127.0.0.1:${port}/token`;
  return state;
}

interface Params {
  url?: string;
  code?: string;
  system?: string;
  display?: string;
  version?: string;
  filter?: string;
  count?: string;
  offset?: string;
  coding?: { system?: string; code?: string; display?: string };
  valueSet?: Record<string, any>;
}

/** GET query parameters or a POSTed Parameters resource, flattened to the names the operations use. */
async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const out: Params = {};
  const names = ['url', 'code', 'system', 'display', 'version', 'filter', 'count', 'offset'] as const;
  if (req.method === 'GET') {
    for (const n of names) {
      const v = url.searchParams.get(n);
      if (v !== null) out[n] = v;
    }
    return out;
  }
  if (req.method !== 'POST') throw Object.assign(new Error(`method ${req.method} not allowed`), { status: 405 });
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (type !== 'application/fhir+json' && type !== 'application/json') throw Object.assign(new Error(`unsupported content type '${type}'`), { status: 415 });
  let body: any;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    throw new Error('body is not JSON');
  }
  if (body?.resourceType !== 'Parameters') throw new Error('body is not a Parameters resource');
  for (const p of Array.isArray(body.parameter) ? body.parameter : []) {
    if ((names as readonly string[]).includes(p?.name)) {
      const v = p.valueUri ?? p.valueCode ?? p.valueString ?? p.valueInteger ?? p.valueCanonical;
      if (v !== undefined) out[p.name as (typeof names)[number]] = String(v);
    }
    if (p?.name === 'coding' && p.valueCoding) out.coding = p.valueCoding;
    if (p?.name === 'valueSet' && p.resource) out.valueSet = p.resource;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/fhir+json'): void {
  if (res.destroyed || res.writableEnded) return; // the client gave up (timeout)
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function outcome(severity: string, code: string, text: string): unknown {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text } }] };
}

interface ResultExtra {
  message?: string;
  display?: string;
  code?: string;
  system?: string;
  /** severity, tx-issue-type code, text */
  issue?: [string, string, string];
}

/** A $validate-code output Parameters with an `issues` OperationOutcome coded with tx-issue-type, as current servers send. */
function result(ok: boolean, extra: ResultExtra): unknown {
  const parameter: Array<Record<string, unknown>> = [{ name: 'result', valueBoolean: ok }];
  if (extra.message) parameter.push({ name: 'message', valueString: extra.message });
  if (extra.display) parameter.push({ name: 'display', valueString: extra.display });
  if (extra.code) parameter.push({ name: 'code', valueCode: extra.code });
  if (extra.system) parameter.push({ name: 'system', valueUri: extra.system });
  if (extra.issue) {
    const [severity, txCode, text] = extra.issue;
    parameter.push({
      name: 'issues',
      resource: {
        resourceType: 'OperationOutcome',
        issue: [{ severity, code: txCode === 'not-found' ? 'not-found' : 'code-invalid', details: { text, coding: [{ system: 'http://hl7.org/fhir/tools/CodeSystem/tx-issue-type', code: txCode }] } }],
      },
    });
  }
  return { resourceType: 'Parameters', parameter };
}
