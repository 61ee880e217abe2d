// `ukcore-check probe` end to end: the real binary and the real validator against the reference sandbox server.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { hasSharedData, projectRoot, ukcoreIgPath } from '../../src/util/shared-data.js';

const BIN = path.join(projectRoot, 'bin', 'ukcore-check.js');
let tmp: string;
let sandbox: Sandbox | undefined;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(path.join(projectRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ukcore-probe-'));
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe.skipIf(!hasSharedData())('ukcore-check probe against the sandbox', () => {
  it('passes every SHALL requirement on a clean server, sends only GET/HEAD, and exits 0', async () => {
    sandbox = await startSandbox({ host: '127.0.0.1' });
    const out = path.join(tmp, 'clean.json');
    const run = await cli('probe', sandbox.url, '--allow-http', '--ig', ukcoreIgPath(), '-f', `json:${out}`, '-f', `testreport:${path.join(tmp, 'tr.json')}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const failed = report.results.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => `${c.checkId}: ${c.issues.filter((i) => i.severity === 'error').map((i) => i.message).join('; ')}`);
    expect(failed).toEqual([]);
    expect(run.code).toBe(0);
    const shall = report.requirements.filter((r) => r.expectation === 'SHALL');
    expect(shall.length).toBeGreaterThan(20);
    expect(shall.filter((r) => r.result !== 'pass')).toEqual([]);
    expect(new Set(sandbox.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    expect(JSON.parse(readFileSync(path.join(tmp, 'tr.json'), 'utf8')).resourceType).toBe('TestReport');
  }, 180_000);

  it('turns the matching content check red when the server serves a non-conformant resource (exit 1)', async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', faults: ['non-conformant-resource'] });
    const out = path.join(tmp, 'fault.json');
    const run = await cli('probe', sandbox.url, '--allow-http', '--ig', ukcoreIgPath(), '-f', `json:${out}`);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.results.filter((c) => c.status === 'fail').map((c) => c.checkId)).toEqual(['content/conformance/MedicationRequest']);
  }, 180_000);

  it('gives no verdict (exit 2) when the server cannot be reached', async () => {
    const run = await cli('probe', 'http://127.0.0.1:1/fhir', '--allow-http', '--ig', ukcoreIgPath(), '--timeout', '2000');
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/^\s+at\s/m);
  }, 180_000);

  it('takes the base URL and server settings from a configuration file; with none it is a usage error (exit 2)', async () => {
    sandbox = await startSandbox({ host: '127.0.0.1' });
    const config = path.join(tmp, 'probe-config.json');
    writeFileSync(config, JSON.stringify({ server: { baseUrl: sandbox.url, allowHttp: true, timeoutMs: 10_000 }, packages: [ukcoreIgPath()] }));
    const out = path.join(tmp, 'configured.json');
    const run = await cli('probe', '--config', config, '--only', 'capability/', '-f', `json:${out}`);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.target?.baseUrl).toBe(sandbox.url);
    expect(report.config?.path).toMatch(/probe-config\.json$/);
    const none = await cli('probe', '--no-config');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('probe needs a FHIR base URL');
    expect(none.stderr).not.toMatch(/^\s+at\s/m);
  }, 180_000);
});
