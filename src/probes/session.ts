// State shared by the checks of one probe run: the HTTP client, memoised GETs, the server's CapabilityStatement,
// the discovered patient, sample data per type, and every resource received (for the content checks).
import type { Issue } from '../model/issue.js';
import type { MustSupportCoverage } from '../model/result.js';
import type { HttpClient } from '../http/client.js';
import { HttpTransportError } from '../http/errors.js';
import type { RedirectHop, TlsMaterial } from '../http/types.js';
import { searchParamDef } from './fhir/search-params.js';

export type { Json } from './fhir/element-values.js';
import type { Json } from './fhir/element-values.js';

/** The injected validator: validates one resource (UK Core + claimed profiles) and reports must-support coverage. */
export type ValidateFn = (resource: Record<string, unknown>, source: string) =>
  Promise<{ issues: Issue[]; profiles: string[]; mustSupport?: MustSupportCoverage[] }>;

export interface FhirGetOptions {
  headers?: Record<string, string>;
  /** Send configured credentials (default true). */
  credentials?: boolean;
}

export interface FhirResponse {
  /** Final URL (credentials redacted). */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Media type without parameters, lower-cased (`application/fhir+json`). */
  contentType?: string;
  body: string;
  /** The parsed body when it is a JSON object. */
  resource?: Json;
  exchangeId: string;
  exchangeIds: string[];
  redirects: RedirectHop[];
  /** `GET <url>`: the Location.source of issues about this response. */
  source: string;
}

export interface ReceivedResource {
  resource: Json;
  source: string;
  /** FHIRPath of the resource inside the response, e.g. `Bundle.entry[2].resource`. */
  expression?: string;
  exchangeId: string;
}

export interface Samples {
  /** Resources of the type found in the server's own data (for the discovered patient where possible). */
  resources: Json[];
  /** The base-relative query that found them. */
  query: string;
}

/** Thrown by `samples()` when a type's data cannot be fetched; checks turn it into `skip`. */
export class SampleUnavailable extends Error {
  override readonly name = 'SampleUnavailable';
}

export interface SessionOptions {
  patientId?: string;
  nhsNumber?: string;
  /** True when a bearer token, OAuth client, secret header or client certificate is configured. */
  hasCredentials: boolean;
  tls?: TlsMaterial;
  timeoutMs: number;
  allowHttp: boolean;
  validate: ValidateFn;
  /** Pages followed when collecting search results. */
  maxPages: number;
}

const SAMPLE_PAGE_LIMIT = 5;

function mediaType(value: string | undefined): string | undefined {
  return value?.split(';')[0].trim().toLowerCase() || undefined;
}

/** The next link of a searchset page, if any. */
export function nextLink(bundle: Json | undefined): string | undefined {
  const links = Array.isArray(bundle?.link) ? (bundle!.link as Json[]) : [];
  const next = links.find((l) => l.relation === 'next');
  return typeof next?.url === 'string' ? next.url : undefined;
}

export class FhirSession {
  /** Base URL without a trailing slash. */
  readonly base: string;
  capability?: Json;
  capabilitySha256?: string;
  patient?: Json;
  /** How the patient was found (`Patient?_id=…`). */
  patientQuery?: string;
  readonly received: ReceivedResource[] = [];
  readonly redirects: { hop: RedirectHop; exchangeId: string }[] = [];
  private readonly memo = new Map<string, Promise<FhirResponse>>();
  private readonly sampleMemo = new Map<string, Promise<Samples>>();

  constructor(readonly http: HttpClient, base: string, readonly options: SessionOptions, readonly signal: AbortSignal) {
    this.base = base.replace(/\/+$/, '');
  }

  /** Absolute URL for a base-relative path (`Patient?x=1`) or an absolute URL. */
  resolve(pathOrUrl: string): string {
    return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${this.base}/${pathOrUrl.replace(/^\/+/, '')}`;
  }

  /** GET with memoisation of identical plain requests, so checks sharing a query share one exchange. */
  get(pathOrUrl: string, opts: FhirGetOptions = {}): Promise<FhirResponse> {
    const url = this.resolve(pathOrUrl);
    const plain = !opts.headers && opts.credentials !== false;
    if (plain) {
      const hit = this.memo.get(url);
      if (hit) return hit;
    }
    const p = this.fetch(url, opts);
    if (plain) this.memo.set(url, p);
    return p;
  }

  private async fetch(url: string, opts: FhirGetOptions): Promise<FhirResponse> {
    const res = await this.http.get(url, { headers: opts.headers, credentials: opts.credentials, signal: this.signal });
    let resource: Json | undefined;
    const parsed = res.json();
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) resource = parsed as Json;
    const exchange = this.http.exchanges.find((e) => e.id === res.exchangeId);
    const shownUrl = exchange?.url ?? res.url;
    const out: FhirResponse = {
      url: shownUrl, status: res.status, headers: res.headers, contentType: mediaType(res.headers['content-type']),
      body: res.body, resource, exchangeId: res.exchangeId, exchangeIds: res.exchangeIds, redirects: res.redirects,
      source: `GET ${shownUrl}`,
    };
    res.redirects.forEach((hop) => this.redirects.push({ hop, exchangeId: res.exchangeIds[0] }));
    if (res.status >= 200 && res.status < 300 && resource) this.collect(resource, out);
    return out;
  }

  /** Remembers every resource in a successful response for the content checks. */
  private collect(resource: Json, res: FhirResponse): void {
    if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
      (resource.entry as Json[]).forEach((e, i) => {
        const r = e?.resource as Json | undefined;
        if (r && typeof r.resourceType === 'string') {
          this.received.push({ resource: r, source: res.source, expression: `Bundle.entry[${i}].resource`, exchangeId: res.exchangeId });
        }
      });
    } else if (typeof resource.resourceType === 'string' && resource.resourceType !== 'CapabilityStatement') {
      this.received.push({ resource, source: res.source, exchangeId: res.exchangeId });
    }
  }

  /** The server's `rest.resource` entry for a type, from its CapabilityStatement. */
  claimed(type: string): Json | undefined {
    const rest = Array.isArray(this.capability?.rest) ? (this.capability!.rest as Json[]) : [];
    const server = rest.find((r) => r.mode === 'server');
    const resources = Array.isArray(server?.resource) ? (server!.resource as Json[]) : [];
    return resources.find((r) => r.type === type);
  }

  claimsInteraction(type: string, code: string): boolean {
    const res = this.claimed(type);
    return Array.isArray(res?.interaction) && (res!.interaction as Json[]).some((i) => i.code === code);
  }

  get patientId(): string | undefined {
    return typeof this.patient?.id === 'string' ? this.patient.id : undefined;
  }

  /** The base-relative query that lists a type's data for the discovered patient (or any data). */
  sampleQuery(type: string): string | undefined {
    if (type === 'Patient') return this.patientQuery;
    if (searchParamDef(type, 'patient')) return this.patientId ? `${type}?patient=${encodeURIComponent(this.patientId)}` : undefined;
    return `${type}?_count=50`;
  }

  /** Sample data of a type from the server's own data; rejects with SampleUnavailable when it cannot be had. */
  samples(type: string): Promise<Samples> {
    let p = this.sampleMemo.get(type);
    if (!p) {
      p = this.loadSamples(type);
      this.sampleMemo.set(type, p);
    }
    return p;
  }

  private async loadSamples(type: string): Promise<Samples> {
    if (type === 'Patient') {
      if (!this.patient || !this.patientQuery) throw new SampleUnavailable('no patient was discovered');
      return { resources: [this.patient], query: this.patientQuery };
    }
    const query = this.sampleQuery(type);
    if (!query) throw new SampleUnavailable('no patient was discovered');
    const resources: Json[] = [];
    let url: string | undefined = query;
    for (let page = 0; url && page < SAMPLE_PAGE_LIMIT; page++) {
      let res: FhirResponse;
      try {
        res = await this.get(url);
      } catch (err) {
        throw new SampleUnavailable(err instanceof HttpTransportError ? err.message : String(err));
      }
      if (res.status !== 200 || res.resource?.resourceType !== 'Bundle') {
        throw new SampleUnavailable(`GET ${query} answered HTTP ${res.status}${res.resource ? '' : ' without a Bundle'}`);
      }
      for (const e of (res.resource.entry as Json[] | undefined) ?? []) {
        const r = e?.resource as Json | undefined;
        const mode = (e?.search as Json | undefined)?.mode;
        if (r?.resourceType === type && (mode === undefined || mode === 'match')) resources.push(r);
      }
      url = nextLink(res.resource);
    }
    return { resources, query };
  }
}
