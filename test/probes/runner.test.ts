// The probe runner: statuses from outcomes, dependency order, deadlines, write gating, and no stacks in results.
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { HttpTransportError } from '../../src/http/errors.js';
import { defineProbe, type Probe, type ProbeContext } from '../../src/probes/define-probe.js';
import { dependencies, runProbes } from '../../src/probes/runner.js';
import { responseRule } from '../../src/probes/rules/response.js';
import { FhirSession } from '../../src/probes/session.js';
import { fakeValidator } from './fake-validator.js';

const http = new HttpClient({ allowHttp: true });
afterAll(() => http.close());

function session(): FhirSession {
  return new FhirSession(http, 'http://127.0.0.1:9/fhir', {
    hasCredentials: false, timeoutMs: 100, allowHttp: true, validate: fakeValidator().validate, maxPages: 5,
  }, new AbortController().signal);
}

function probe(id: string, run: (ctx: ProbeContext) => Promise<void>, extra: Partial<Probe['meta']> = {}): Probe {
  return defineProbe({ meta: { id, title: id, requirementIds: ['r/1'], optional: false, ...extra }, run });
}

const run = (probes: Probe[], opts: Partial<Parameters<typeof runProbes>[2]> = {}) =>
  runProbes(probes, session(), { concurrency: 4, probeTimeoutMs: 1000, defaultTarget: 'http://x/fhir', allowWrites: false, ...opts });

const anIssue = () => responseRule.issue({ messageId: 'notJson', location: { source: 'GET http://x' } });

describe('runProbes', () => {
  it.each<[string, (ctx: ProbeContext) => Promise<void>, string, string | undefined]>([
    ['passes', async () => undefined, 'pass', undefined],
    ['fails on ctx.fail', async (ctx) => ctx.fail(anIssue()), 'fail', undefined],
    ['fails on a reported error issue', async (ctx) => ctx.report(anIssue()), 'fail', undefined],
    ['passes with a warning', async (ctx) => ctx.report({ ...anIssue(), severity: 'warning' }), 'pass', undefined],
    ['skips', async (ctx) => ctx.skip('no data'), 'skip', 'no data'],
    ['omits', async (ctx) => ctx.omit('not claimed'), 'omit', 'not claimed'],
    ['fails when an error was reported before a skip', async (ctx) => { ctx.report(anIssue()); ctx.skip('later'); }, 'fail', 'later'],
    ['errors on an unexpected exception, with its message only', async () => { throw new TypeError('boom'); }, 'error', 'boom'],
    ['errors on a transport failure', async () => { throw new HttpTransportError('timeout', 'no answer in 5 ms', 'http://x/metadata', 'ex-1'); }, 'error', 'no answer in 5 ms'],
  ])('%s', async (_name, body, status, message) => {
    const [result] = await run([probe('test/one', body)]);
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
    expect(result.requirementIds).toEqual(['r/1']);
    expect(JSON.stringify(result)).not.toMatch(/\n\s+at /);
  });

  it('records transport and unexpected failures as issues with stable ids', async () => {
    const results = await run([
      probe('test/timeout', async () => { throw new HttpTransportError('timeout', 'slow', 'http://x/metadata', 'ex-7'); }),
      probe('test/crash', async () => { throw new Error('bad state'); }),
    ]);
    expect(results[0].issues.map((i) => [i.ruleId, i.messageId, i.code, i.exchangeId])).toEqual([['probe/transport', 'timeout', 'timeout', 'ex-7']]);
    expect(results[1].issues.map((i) => [i.ruleId, i.messageId])).toEqual([['probe/transport', 'unexpected']]);
  });

  it('ends a check at its deadline and drops its late findings', async () => {
    let late: ProbeContext | undefined;
    const [result] = await run([probe('test/hang', async (ctx) => {
      late = ctx;
      await new Promise((r) => setTimeout(r, 200));
      ctx.report(anIssue());
    })], { probeTimeoutMs: 20 });
    expect(result.status).toBe('error');
    expect(result.issues.map((i) => i.messageId)).toEqual(['probeTimeout']);
    await new Promise((r) => setTimeout(r, 250));
    expect(late).toBeDefined();
    expect(result.issues).toHaveLength(1);
  });

  it('skips checks that write unless writes are allowed', async () => {
    const writer = probe('test/write', async () => undefined, { mutates: true });
    expect((await run([writer]))[0].status).toBe('skip');
    expect((await run([writer], { allowWrites: true }))[0].status).toBe('pass');
  });

  it('runs checks after what they wait for, including prefixes and *', async () => {
    const order: string[] = [];
    const step = (id: string, after?: string[]) => probe(id, async () => {
      await new Promise((r) => setTimeout(r, id === 'a/first' ? 20 : 1));
      order.push(id);
    }, { after });
    const results = await run([step('z/last', ['*']), step('b/second', ['a/']), step('a/first')]);
    expect(order).toEqual(['a/first', 'b/second', 'z/last']);
    expect(results.map((r) => r.checkId)).toEqual(['z/last', 'b/second', 'a/first']);
  });

  it('rejects dependency cycles and duplicate ids', () => {
    expect(() => dependencies([probe('a/x', async () => undefined, { after: ['b/y'] }), probe('b/y', async () => undefined, { after: ['a/x'] })])).toThrow(/cycle/);
    expect(() => dependencies([probe('a/x', async () => undefined), probe('a/x', async () => undefined)])).toThrow(/duplicate/);
  });

  it('rejects malformed probe ids', () => {
    expect(() => probe('NoCategory', async () => undefined)).toThrow(/bad probe id/);
  });
});
