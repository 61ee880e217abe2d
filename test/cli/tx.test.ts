// `validate --tx`: codes that local content cannot decide go to a FHIR terminology server (here the loopback test
// server); a second run is answered from the on-disk cache.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { projectRoot } from '../../src/util/shared-data.js';
import { SCT, startTxServer, type TxServer } from '../support/tx-server.js';

const run = promisify(execFile);
const BIN = path.join(projectRoot, 'bin', 'ukcore-check.js');
let server: TxServer;
let tmp: string;

beforeAll(async () => {
  server = await startTxServer();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ukcore-tx-'));
  writeFileSync(path.join(tmp, 'condition.json'), JSON.stringify({
    resourceType: 'Condition', id: 'c1',
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">MI</div>' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    // 22298006 with a synonym as display is valid; 80146002 is a real concept the server knows, with a wrong display.
    code: { coding: [{ system: SCT, code: '22298006', display: 'Heart attack' }, { system: SCT, code: '80146002', display: 'Heart attack' }] },
    subject: { reference: 'Patient/p1' },
  }));
});
afterAll(() => server.close());

async function validate(): Promise<Report> {
  const r = await run(process.execPath, [BIN, 'validate', '--base-only', '--tx', server.url, path.join(tmp, 'condition.json'), '-f', 'json'],
    { env: { ...process.env, UKCORE_CHECK_CACHE_DIR: path.join(tmp, 'cache') } }).catch((e: { stdout: string }) => e);
  return JSON.parse(r.stdout) as Report;
}

describe('validate --tx', () => {
  it('asks the server, reports what it says, and answers the second run from the cache', async () => {
    const first = await validate();
    expect(first.terminology).toMatchObject({ mode: 'server', server: server.url, requests: 2, failures: 0 });
    expect(server.counts.validateCode).toBe(2);
    const ids = first.results[0]!.issues.map((i) => [i.ruleId, i.messageId, i.location.expression]);
    expect(ids).toEqual([['terminology/display-mismatch', 'displayMismatch', 'Condition.code.coding[1].display']]);
    const second = await validate();
    expect(server.counts.validateCode).toBe(2);
    expect(second.terminology).toMatchObject({ requests: 0, cacheHits: 2 });
    expect(second.results[0]!.issues.map((i) => i.messageId)).toEqual(['displayMismatch']);
  }, 60_000);
});
