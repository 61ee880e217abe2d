// Runs probes in dependency order with bounded concurrency and a per-check deadline, and turns each outcome into a
// CheckResult: assertion failure → fail, skip() → skip, omit() → omit, transport failure or anything unexpected
// → error with its message (never a stack), following Inferno's statuses.
import { isFailing } from '../model/issue.js';
import type { CheckResult, Status } from '../model/result.js';
import { HttpTransportError, type TransportErrorKind } from '../http/errors.js';
import { Semaphore } from '../http/semaphore.js';
import { CheckContext } from './context.js';
import type { Probe } from './define-probe.js';
import { transportRule } from './rules/transport.js';
import type { FhirSession } from './session.js';
import { AssertionFailure, OmitSignal, SkipSignal } from './signals.js';

export interface RunOptions {
  /** Checks running at once (HTTP concurrency is bounded separately by the client). */
  concurrency: number;
  /** Deadline for one check. */
  probeTimeoutMs: number;
  /** What a result's `target` is when the check does not set one (the base URL). */
  defaultTarget: string;
  allowWrites: boolean;
  signal?: AbortSignal;
}

class ProbeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`the check did not finish within ${ms} ms`);
  }
}

const KIND_MESSAGE: Record<TransportErrorKind, Parameters<typeof transportRule.issue>[0]['messageId']> = {
  timeout: 'timeout', refused: 'refused', unreachable: 'unreachable', tls: 'tls', 'too-large': 'tooLarge', budget: 'budget',
  aborted: 'aborted', 'write-blocked': 'writeBlocked', insecure: 'insecure', redirect: 'redirect', network: 'network', auth: 'auth',
};

/** Probes each probe waits for, from `meta.after`; throws on unknown ids or cycles (programmer errors). */
export function dependencies(probes: readonly Probe[]): Map<Probe, Probe[]> {
  const byId = new Map(probes.map((p) => [p.meta.id, p]));
  if (byId.size !== probes.length) throw new Error('duplicate probe ids');
  const deps = new Map<Probe, Probe[]>();
  for (const p of probes) {
    const out = new Set<Probe>();
    for (const a of p.meta.after ?? []) {
      if (a === '*') probes.filter((q) => q !== p && !(q.meta.after ?? []).includes('*')).forEach((q) => out.add(q));
      else if (a.endsWith('/')) probes.filter((q) => q !== p && q.meta.id.startsWith(a)).forEach((q) => out.add(q));
      else if (byId.has(a)) out.add(byId.get(a)!);
    }
    deps.set(p, [...out]);
  }
  const state = new Map<Probe, 'visiting' | 'done'>();
  const visit = (p: Probe, path: string[]) => {
    if (state.get(p) === 'done') return;
    if (state.get(p) === 'visiting') throw new Error(`probe dependency cycle: ${[...path, p.meta.id].join(' -> ')}`);
    state.set(p, 'visiting');
    deps.get(p)!.forEach((q) => visit(q, [...path, p.meta.id]));
    state.set(p, 'done');
  };
  probes.forEach((p) => visit(p, []));
  return deps;
}

async function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function runOne(probe: Probe, session: FhirSession, opts: RunOptions): Promise<CheckResult> {
  const ctx = new CheckContext(probe.meta.id, session, opts.signal ?? new AbortController().signal);
  const started = performance.now();
  let status: Status = 'pass';
  let message: string | undefined;
  try {
    if (opts.signal?.aborted) throw new Error('the run was cancelled');
    if (probe.meta.mutates && !opts.allowWrites) ctx.skip('sends writes, which are not allowed on this run');
    await withDeadline(probe.run(ctx), opts.probeTimeoutMs);
  } catch (err) {
    if (err instanceof AssertionFailure) status = 'fail';
    else if (err instanceof SkipSignal) [status, message] = ['skip', err.message];
    else if (err instanceof OmitSignal) [status, message] = ['omit', err.message];
    else if (err instanceof HttpTransportError) {
      [status, message] = ['error', err.message];
      ctx.report(transportRule.issue({
        messageId: KIND_MESSAGE[err.kind], data: { message: err.message }, location: { source: `GET ${err.url}` },
        exchangeId: err.exchangeId, code: err.kind === 'timeout' ? 'timeout' : err.kind === 'tls' ? 'security' : 'exception',
      }));
    } else if (err instanceof ProbeTimeout) {
      [status, message] = ['error', err.message];
      ctx.report(transportRule.issue({ messageId: 'probeTimeout', data: { ms: err.ms }, location: { source: opts.defaultTarget }, code: 'timeout' }));
    } else {
      const text = err instanceof Error ? err.message : String(err);
      [status, message] = ['error', text];
      ctx.report(transportRule.issue({ messageId: 'unexpected', data: { message: text }, location: { source: opts.defaultTarget } }));
    }
  }
  ctx.closed = true;
  // A finding reported before a skip/omit still fails the check: it was seen.
  if ((status === 'pass' || status === 'skip' || status === 'omit') && ctx.issues.some((i) => isFailing(i.severity))) status = 'fail';
  if (status === 'pass' && ctx.notes.length > 0) message = ctx.notes.join('; ');
  const result: CheckResult = {
    checkId: probe.meta.id,
    title: probe.meta.title,
    target: ctx.target ?? opts.defaultTarget,
    status,
    optional: probe.meta.optional,
    requirementIds: [...probe.meta.requirementIds],
    issues: ctx.issues,
    durationMs: Math.round(performance.now() - started),
    exchangeIds: [...ctx.exchangeIds],
  };
  if (message) result.message = message;
  if (ctx.mustSupport) result.mustSupport = ctx.mustSupport;
  return result;
}

/** Runs every probe once, honouring `meta.after`; results come back in probe order. */
export async function runProbes(probes: readonly Probe[], session: FhirSession, opts: RunOptions): Promise<CheckResult[]> {
  const deps = dependencies(probes);
  const gate = new Semaphore(Math.max(1, opts.concurrency));
  const running = new Map<Probe, Promise<CheckResult>>();
  const start = (p: Probe): Promise<CheckResult> => {
    let promise = running.get(p);
    if (!promise) {
      promise = (async () => {
        await Promise.all(deps.get(p)!.map(start));
        const release = await gate.acquire();
        try {
          return await runOne(p, session, opts);
        } finally {
          release();
        }
      })();
      running.set(p, promise);
    }
    return promise;
  };
  return Promise.all(probes.map(start));
}
