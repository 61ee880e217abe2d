// The ProbeContext one check runs with: it collects the check's issues, cited exchanges and notes.
import type { Issue } from '../model/issue.js';
import type { MustSupportCoverage } from '../model/result.js';
import { HttpTransportError } from '../http/errors.js';
import type { ProbeContext } from './define-probe.js';
import type { FhirGetOptions, FhirResponse, FhirSession } from './session.js';
import { AssertionFailure, OmitSignal, SkipSignal } from './signals.js';

export class CheckContext implements ProbeContext {
  readonly issues: Issue[] = [];
  readonly exchangeIds = new Set<string>();
  readonly notes: string[] = [];
  mustSupport?: MustSupportCoverage[];
  target?: string;
  /** Set when the check has ended (e.g. timed out): late findings are dropped. */
  closed = false;

  constructor(readonly id: string, readonly session: FhirSession, readonly signal: AbortSignal) {}

  async get(pathOrUrl: string, opts?: FhirGetOptions): Promise<FhirResponse> {
    try {
      const res = await this.session.get(pathOrUrl, opts);
      this.cite(...res.exchangeIds);
      return res;
    } catch (err) {
      if (err instanceof HttpTransportError && err.exchangeId) this.cite(err.exchangeId);
      throw err;
    }
  }

  report(issue: Issue): void {
    if (!this.closed) this.issues.push(issue);
  }

  fail(issue: Issue): never {
    this.report(issue);
    throw new AssertionFailure(issue.message);
  }

  skip(message: string): never {
    throw new SkipSignal(message);
  }

  omit(message: string): never {
    throw new OmitSignal(message);
  }

  cite(...exchangeIds: string[]): void {
    if (!this.closed) exchangeIds.forEach((id) => this.exchangeIds.add(id));
  }

  setMustSupport(coverage: MustSupportCoverage[]): void {
    this.mustSupport = coverage;
  }

  setTarget(target: string): void {
    this.target = target;
  }

  note(message: string): void {
    if (!this.closed) this.notes.push(message);
  }
}
