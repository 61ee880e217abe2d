// Shared helpers for probe tests: run the probes against a loopback server with the fake validator, and find results.
import type { Report } from '../../src/model/report.js';
import { probeServer, type ProbeServerOptions } from '../../src/probes/index.js';
import { fakeValidator } from './fake-validator.js';

/** probeServer with test defaults: the fake validator, plain HTTP allowed, 2 s per request. */
export function probe(baseUrl: string, opts: Partial<ProbeServerOptions> = {}): Promise<Report> {
  return probeServer({ baseUrl, validate: fakeValidator().validate, allowHttp: true, timeoutMs: 2000, ...opts });
}

/** The result of check `id`; throws when the run has none. */
export function check(r: Report, id: string): Report['results'][number] {
  const found = r.results.find((c) => c.checkId === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

/** `ruleId:messageId` of every issue of check `id`. */
export function ids(r: Report, id: string): string[] {
  return check(r, id).issues.map((i) => `${i.ruleId}:${i.messageId}`);
}
