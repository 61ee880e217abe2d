// `ukcore-check validate` as a user runs it: the real binary, exit codes 0/1/2, report files, clean stderr.
// Few spawns on purpose (each costs about half a second); rule behaviour is tested in test/validate.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION } from '../../src/model/report.js';
import { projectRoot } from '../../src/util/shared-data.js';

const BIN = path.join(projectRoot, 'bin', 'ukcore-check.js');
const ANSI = /\u001b\[/;
const STACK = /^\s+at\s/m;

let tmp: string;
let env: NodeJS.ProcessEnv;
const file = (name: string) => path.join(tmp, name);

interface Run { code: number; stdout: string; stderr: string }

function cli(...args: string[]): Promise<Run> {
  return cliIn(tmp, ...args);
}

function cliIn(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  // The test command builds first (npm test); running this file alone needs `npm run build`.
  if (!existsSync(path.join(projectRoot, 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
  }
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ukcore-cli-'));
  env = { ...process.env, NO_COLOR: '1', UKCORE_CHECK_CACHE_DIR: path.join(tmp, 'cache') };
  delete env.FORCE_COLOR;
  copyFileSync(path.join(projectRoot, 'fixtures', 'resources', 'valid', 'patient.json'), file('valid.json'));
  const patient = JSON.parse(readFileSync(file('valid.json'), 'utf8'));
  // One error (unknown element) and one warning (dom-6: no narrative).
  delete patient.text;
  patient.nickname = 'Janey';
  writeFileSync(file('invalid.json'), JSON.stringify(patient, null, 2));
  writeFileSync(file('malformed.json'), '{\n  "resourceType": "Patient",\n  "active": true,\n');
  // Warm the definitions cache once, so the runs below measure nothing but themselves.
  await cli('validate', '--base-only', file('valid.json'));
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function clean(run: Run): void {
  expect(run.stdout).not.toMatch(ANSI);
  expect(run.stderr).not.toMatch(ANSI);
  expect(run.stderr).not.toMatch(STACK);
}

describe('ukcore-check validate', () => {
  it('exit 0 on a valid file, nothing on stderr', async () => {
    const run = await cli('validate', '--base-only', file('valid.json'));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    clean(run);
  });

  it('exit 1 on an invalid file; stylish names the rule and the position', async () => {
    const run = await cli('validate', '--base-only', file('invalid.json'));
    expect(run.code).toBe(1);
    const line = readFileSync(file('invalid.json'), 'utf8').split('\n').findIndex((l) => l.includes('"nickname"')) + 1;
    expect(run.stdout).toMatch(new RegExp(`^\\s+${line}:3\\s+error\\s.*structure/unknown-element/unknownElement$`, 'm'));
    expect(run.stdout).toMatch(/^\s+1:1\s+warning\s.*invariant\/constraint\/failed$/m);
    clean(run);
  });

  it('--quiet drops warnings from the stylish output, not errors nor the exit code', async () => {
    const run = await cli('validate', '--base-only', '--quiet', file('invalid.json'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\s+\d+:\d+\s+error\s.*structure\/unknown-element\/unknownElement$/m);
    expect(run.stdout).not.toMatch(/^\s+\d+:\d+\s+warning\s/m);
    expect(run.stdout).toMatch(/1 problem \(1 error, 0 warnings\)/);
    // A machine-readable report on standard output stays whole (its digest must still verify).
    const json = await cli('validate', '--base-only', '--quiet', '-f', 'json', file('invalid.json'));
    expect(JSON.parse(json.stdout).summary.warningCount).toBe(1);
    clean(run);
  });

  it('malformed JSON beside valid and invalid files: exit 1, every file reported, json and junit files written', async () => {
    const json = path.join(tmp, 'out', 'r.json');
    const junit = path.join(tmp, 'out', 'j.xml');
    const run = await cli('validate', '--base-only', '--format', `json:${json}`, '--format', `junit:${junit}`,
      file('malformed.json'), file('valid.json'), file('invalid.json'));
    expect(run.code).toBe(1);
    // Every format went to a file: nothing on stdout.
    expect(run.stdout).toBe('');
    clean(run);

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.kind).toBe('validate');
    expect(report.results.map((r: any) => [path.basename(r.target), r.status])).toEqual([
      ['malformed.json', 'fail'], ['valid.json', 'pass'], ['invalid.json', 'fail'],
    ]);
    expect(report.results[0].issues.map((i: any) => [i.ruleId, i.messageId, i.severity, i.location.line])).toEqual([
      ['parse/json-syntax', 'unexpectedEnd', 'fatal', 4],
    ]);
    expect(report.summary).toMatchObject({ resources: 3, pass: 1, fail: 2, fatalCount: 1, errorCount: 1, warningCount: 1, verdict: 'fail' });
    expect(report.inputs.map((i: any) => path.basename(i.path))).toEqual(['malformed.json', 'valid.json', 'invalid.json']);

    const xml = readFileSync(junit, 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toMatch(/<testsuites\b[^>]*\btests="3"[^>]*\bfailures="2"/);
    for (const name of ['malformed.json', 'valid.json', 'invalid.json']) expect(xml).toContain(file(name));
  });

  const USAGE: Array<[what: string, args: () => string[]]> = [
    ['a missing path', () => ['validate', '--base-only', file('no-such-file.json')]],
    ['an unknown --format', () => ['validate', '--base-only', '--format', 'yaml', file('valid.json')]],
    ['an unknown option', () => ['validate', '--base-only', '--no-such-option', file('valid.json')]],
    ['an unreadable --ig', () => ['validate', '--base-only', '--ig', file('no-such-ig'), file('valid.json')]],
  ];
  it.each(USAGE)('exit 2 on %s, a short reason on stderr, no stack trace, nothing on stdout', async (_what, args) => {
    const run = await cli(...args());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(run.stderr).toMatch(/^(ukcore-check: |error: )/);
    clean(run);
  });
});

describe('ukcore-check.config.json', () => {
  // The file sits in project/, the run starts in project/sub/: found by searching upward, as ESLint does.
  const project = () => path.join(tmp, 'project');
  const sub = () => path.join(project(), 'sub');
  beforeAll(() => {
    mkdirSync(sub(), { recursive: true });
    writeFileSync(path.join(project(), 'ukcore-check.config.json'), JSON.stringify({
      baseOnly: true,
      rules: { 'structure/unknown-element': 'warning', 'structure/unknown-elemnt': 'off', 'probe/search': 'off' },
      // The target is relative to the configuration file's folder, wherever the run starts.
      ignore: [{ ruleId: 'invariant/constraint', messageId: 'failed', target: '../invalid.json', reason: 'narratives come in release 2', owner: 'supplier', expires: '2099-12-31' }],
      reports: [{ format: 'stylish' }, { format: 'json', output: 'out/report.json' }],
    }));
  });

  it('is found upward and applied: rule settings, waivers and report files, all recorded in the report', async () => {
    const run = await cliIn(sub(), 'validate', file('invalid.json'));
    // The unknown element is now a warning and dom-6 is waived: nothing fails.
    expect(run.code).toBe(0);
    // A misspelt rule id is named; a probe rule (not loaded by validate) is not taken for one.
    expect(run.stderr).toMatch(/rules: 'structure\/unknown-elemnt' is not a rule of this tool/);
    expect(run.stderr).not.toMatch(/probe\/search/);
    expect(run.stdout).toMatch(/^\s+\d+:3\s+warning\s.*structure\/unknown-element\/unknownElement$/m);
    expect(run.stdout).toMatch(/1 issue\(s\) waived · 1 issue\(s\) changed by the rule settings of/);
    clean(run);
    const report = JSON.parse(readFileSync(path.join(project(), 'out', 'report.json'), 'utf8'));
    expect(report.config).toMatchObject({ rules: [{ ruleId: 'structure/unknown-element', setting: 'warning', matched: 1 },
      { ruleId: 'structure/unknown-elemnt', setting: 'off', matched: 0 }, { ruleId: 'probe/search', setting: 'off', matched: 0 }] });
    expect(report.config.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.waivers).toMatchObject([{ ruleId: 'invariant/constraint', status: 'applied', matched: 1 }]);
    const issue = report.results.flatMap((r: any) => r.issues).find((i: any) => i.ruleId === 'structure/unknown-element');
    expect([issue.severity, issue.originalSeverity]).toEqual(['warning', 'error']);
  });

  it('command-line options win (--format, --fail-on), --no-config ignores the file', async () => {
    const strict = await cliIn(sub(), 'validate', '--fail-on', 'warning', '--format', 'json', file('invalid.json'));
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).config.path).toMatch(/ukcore-check\.config\.json$/);
    const none = await cliIn(sub(), 'validate', '--no-config', '--base-only', '--format', 'json', file('invalid.json'));
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout).config).toBeUndefined();
  });

  it('an invalid file is a usage error (exit 2) naming the file and the place', async () => {
    const bad = path.join(tmp, 'bad-config.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'structure/cardinality': 'warn' } }));
    const run = await cliIn(sub(), 'validate', '--config', bad, file('valid.json'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(bad);
    expect(run.stderr).toContain('/rules/structure~1cardinality: must be equal to one of the allowed values');
    clean(run);
  });
});
