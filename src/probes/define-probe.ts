// defineProbe(): one server check as `{meta, run(ctx)}`, after Inferno's tests with requirement links and `mutates`.
import type { Issue } from '../model/issue.js';
import type { MustSupportCoverage } from '../model/result.js';
import type { FhirGetOptions, FhirResponse, FhirSession } from './session.js';

export interface ProbeMeta {
  /** Stable check id, `category/name` or `category/name/<Type>/<param>` for plan-derived checks. */
  id: string;
  title: string;
  description?: string;
  /** Requirement ids this check verifies (plan rows and general FHIR/UK Core Access rows). */
  requirementIds: string[];
  /** Optional checks (SHOULD/MAY) are reported but never change the verdict. */
  optional: boolean;
  /** Sends POST/PUT/PATCH/DELETE: skipped unless writes are allowed. */
  mutates?: boolean;
  /** Probe ids, id prefixes ending in `/`, or `*` (every probe not itself waiting on `*`) to finish first. */
  after?: string[];
}

/** What a probe can do while it runs. */
export interface ProbeContext {
  readonly id: string;
  readonly session: FhirSession;
  readonly signal: AbortSignal;
  /** GETs a base-relative path or absolute URL; the exchange is cited as evidence for this check. */
  get(pathOrUrl: string, opts?: FhirGetOptions): Promise<FhirResponse>;
  /** Records an issue; an error or fatal one makes the check fail when it ends. */
  report(issue: Issue): void;
  /** Records the issue and ends the check as `fail`. */
  fail(issue: Issue): never;
  /** Ends the check as `skip` (could not be tested; the message says why). */
  skip(message: string): never;
  /** Ends the check as `omit` (not applicable). */
  omit(message: string): never;
  /** Cites exchanges as evidence (get() cites its own). */
  cite(...exchangeIds: string[]): void;
  setMustSupport(coverage: MustSupportCoverage[]): void;
  /** What was checked, when more specific than the base URL. */
  setTarget(target: string): void;
  /** A note shown with a passing check (e.g. which lenient behaviour was accepted). */
  note(message: string): void;
}

export interface Probe {
  meta: ProbeMeta;
  run(ctx: ProbeContext): Promise<void>;
}

const ID = /^[a-z]+(?:-[a-z]+)*\/[A-Za-z0-9_+\-/]+$/;

/** Checks the id shape once, at definition time (a bad id is a programmer error). */
export function defineProbe(probe: Probe): Probe {
  if (!ID.test(probe.meta.id)) throw new Error(`bad probe id '${probe.meta.id}'`);
  return probe;
}
