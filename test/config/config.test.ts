// Configuration file: discovery upward from the working directory, schema errors as usage errors naming the place,
// paths made absolute against the file, precedence (command line > environment > file), and rule settings applied
// to a report with every change recorded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { configFor, withProbeConfig, withValidateConfig } from '../../src/config/apply-config.js';
import { CONFIG_FILE_NAME, findConfig, loadConfig } from '../../src/config/load-config.js';
import { applyRuleSettings } from '../../src/report/rule-settings.js';
import { schemaValidator } from '../../src/report/schemas.js';
import { loadFixture } from '../reporters/helpers/fixtures.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ukcore-config-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeConfig(dir: string, content: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, CONFIG_FILE_NAME);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function usageError(f: () => unknown): UsageError {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('expected a UsageError');
}

describe('findConfig', () => {
  it('finds the nearest file upward, and none when there is none', () => {
    const root = path.join(tmp, 'find');
    const file = writeConfig(path.join(root, 'project'), {});
    const deep = path.join(root, 'project', 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect(findConfig(deep)).toBe(file);
    const nearer = writeConfig(path.join(root, 'project', 'a'), {});
    expect(findConfig(deep)).toBe(nearer);
    const elsewhere = path.join(root, 'other');
    mkdirSync(elsewhere, { recursive: true });
    // Only `other` and the folders above it are searched: the project's files are beside it, not above it.
    expect([file, nearer]).not.toContain(findConfig(elsewhere));
  });
});

describe('loadConfig', () => {
  it('makes package and report paths absolute against the file; id#version stays as it is', () => {
    const dir = path.join(tmp, 'paths');
    const file = writeConfig(dir, {
      packages: ['../ig/ukcore', 'hl7.terminology.r4#7.0.1', 'pkg.tgz'],
      reports: [{ format: 'json', output: 'out/report.json' }, { format: 'stylish' }],
    });
    const loaded = loadConfig(file);
    expect(loaded.path).toBe(file);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.config.packages).toEqual([path.join(tmp, 'ig', 'ukcore'), 'hl7.terminology.r4#7.0.1', path.join(dir, 'pkg.tgz')]);
    expect(loaded.config.reports).toEqual([{ format: 'json', output: path.join(dir, 'out', 'report.json') }, { format: 'stylish' }]);
  });

  it.each([
    ['an unknown key', { packges: [] }, '/: must NOT have additional properties (packges)'],
    ['a bad rule setting', { rules: { 'structure/cardinality': 'warn' } }, '/rules/structure~1cardinality: must be equal to one of the allowed values'],
    ['a malformed rule id', { rules: { 'not a rule': 'off' } }, '/rules: property name must be valid'],
    ['a waiver without owner', { ignore: [{ ruleId: 'a/b', reason: 'because', expires: '2030-01-01' }] }, "/ignore/0: must have required property 'owner'"],
    ['a waiver with an impossible date', { ignore: [{ ruleId: 'a/b', reason: 'because', owner: 'me', expires: '2030-02-30' }] }, '/ignore/0/expires: no such date 2030-02-30'],
    ['jobs below 1', { jobs: 0 }, '/jobs: must be >= 1'],
    ['a server URL that is not http(s)', { server: { baseUrl: 'ftp://x' } }, '/server/baseUrl: must match pattern'],
  ])('rejects %s with the place named', (_name, content, expected) => {
    const file = writeConfig(path.join(tmp, `bad-${_name.replace(/\W+/g, '-')}`), content);
    const e = usageError(() => loadConfig(file));
    expect(e.message).toContain(file);
    expect(e.message).toContain(expected);
  });

  it('tolerates a UTF-8 byte order mark', () => {
    const file = writeConfig(path.join(tmp, 'bom'), `\uFEFF${JSON.stringify({ failOn: 'warning' })}`);
    expect(loadConfig(file).config.failOn).toBe('warning');
  });

  it('rejects malformed JSON and a missing file with one-line reasons', () => {
    const file = writeConfig(path.join(tmp, 'malformed'), '{ "rules": ');
    expect(usageError(() => loadConfig(file)).message).toMatch(/is not JSON/);
    expect(usageError(() => loadConfig(path.join(tmp, 'nope.json'))).message).toMatch(/no such file/);
  });
});

describe('precedence: command line > environment > file > defaults', () => {
  /** A command with the same kinds of options as validate and probe. */
  function parsed(argv: string[], env: Record<string, string> = {}): { opts: Record<string, any>; cmd: Command } {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const cmd = new Command('t').exitOverride()
        .option('--ig <x>', '', (v: string, p: string[]) => [...p, v], [])
        .addOption(new Option('--fail-on <level>').default('error').env('UKCORE_CHECK_FAIL_ON'))
        .option('--max-warnings <n>', '', Number)
        .option('-f, --format <f>', '', (v: string, p: string[]) => [...p, v], [])
        .option('--no-terminology')
        .addOption(new Option('--tx <url>').env('UKCORE_CHECK_TX'))
        .option('--timeout <ms>', '', Number)
        .option('--allow-http');
      cmd.parse(argv, { from: 'user' });
      return { opts: cmd.opts(), cmd };
    } finally {
      process.env = saved;
    }
  }
  const config = {
    path: '/x/ukcore-check.config.json', sha256: '0'.repeat(64),
    config: { packages: ['/ig/a'], failOn: 'warning' as const, maxWarnings: 3, reports: [{ format: 'json', output: '/x/r.json' }],
      terminology: { enabled: false, server: 'https://tx.example.org/fhir' }, server: { timeoutMs: 5000, allowHttp: true } },
  };

  it('file values fill what the command line left at its defaults', () => {
    const { opts, cmd } = parsed([]);
    const v = withValidateConfig(opts, cmd, config);
    expect([v.ig, v.failOn, v.maxWarnings, v.format, v.terminology, v.tx]).toEqual([['/ig/a'], 'warning', 3, ['json:/x/r.json'], false, 'https://tx.example.org/fhir']);
    const p = withProbeConfig(opts, cmd, config);
    expect([p.timeout, p.allowHttp]).toEqual([5000, true]);
  });

  it('command-line values win over the file', () => {
    const { opts, cmd } = parsed(['--ig', '/cli', '--fail-on', 'error', '--max-warnings', '0', '-f', 'sarif', '--tx', 'n/a', '--timeout', '9']);
    const v = withValidateConfig(opts, cmd, config);
    expect([v.ig, v.failOn, v.maxWarnings, v.format, v.tx]).toEqual([['/cli'], 'error', 0, ['sarif'], 'n/a']);
    expect(withProbeConfig(opts, cmd, config).timeout).toBe(9);
  });

  it('environment values win over the file', () => {
    const { opts, cmd } = parsed([], { UKCORE_CHECK_FAIL_ON: 'error', UKCORE_CHECK_TX: 'https://env.example.org' });
    const v = withValidateConfig(opts, cmd, config);
    expect([v.failOn, v.tx]).toEqual(['error', 'https://env.example.org']);
  });

  it('--no-config ignores files; --config names one', () => {
    const file = writeConfig(path.join(tmp, 'named'), { failOn: 'warning' });
    expect(configFor({ config: false }, path.dirname(file))).toBeUndefined();
    expect(configFor({ config: file }, tmp)?.config.failOn).toBe('warning');
    expect(configFor({}, path.dirname(file))?.path).toBe(file);
  });
});

describe('applyRuleSettings', () => {
  const source = { path: 'ukcore-check.config.json', sha256: 'a'.repeat(64) };
  const issuesOf = (r: ReturnType<typeof loadFixture>) => r.results.flatMap((c) => c.issues.map((i) => `${i.ruleId} ${i.severity}${i.originalSeverity ? ` (was ${i.originalSeverity})` : ''}`));

  it('changes severities, drops "off" rules, never touches fatal issues, and records every setting', () => {
    const out = applyRuleSettings(loadFixture('validate-run'), {
      'structure/cardinality': 'warning', 'profile/must-support': 'off', 'parse/json-syntax': 'off', 'structure/unknown-element': 'error',
    }, source);
    const issues = issuesOf(out);
    expect(issues).toContain('structure/cardinality warning (was error)');
    expect(issues.some((i) => i.startsWith('profile/must-support'))).toBe(false);
    expect(issues).toContain('parse/json-syntax fatal');
    expect(out.config?.rules).toEqual([
      { ruleId: 'structure/cardinality', setting: 'warning', matched: 1 },
      { ruleId: 'profile/must-support', setting: 'off', matched: 2 },
      { ruleId: 'parse/json-syntax', setting: 'off', matched: 0 },
      { ruleId: 'structure/unknown-element', setting: 'error', matched: 0 },
    ]);
    expect(out.summary.warningCount).toBe(loadFixture('validate-run').summary.warningCount - 2 + 1);
    expect(schemaValidator('report')(out)).toBe(true);
  });

  it('a check passes when its only failing issues were lowered, fails when one is raised, and stays failed for other reasons', () => {
    const before = loadFixture('validate-run');
    const lowered = applyRuleSettings(before, { 'structure/code-value': 'warning' }, source);
    const idx = before.results.findIndex((c) => c.issues.some((i) => i.ruleId === 'structure/code-value'));
    expect([before.results[idx]!.status, lowered.results[idx]!.status]).toEqual(['fail', 'pass']);
    const raised = applyRuleSettings(before, { 'terminology/binding-not-verified': 'error' }, source);
    const first = before.results.findIndex((c) => c.issues.some((i) => i.ruleId === 'terminology/binding-not-verified'));
    expect([before.results[first]!.status, raised.results[first]!.status]).toEqual(['pass', 'fail']);
    expect(raised.summary.verdict).toBe('fail');
    const bp = before.results.findIndex((c) => c.checkId === 'validate/best-practice');
    expect(applyRuleSettings(before, { 'ukcore/meta-profile-version': 'information' }, source).results[bp]!.status).toBe('fail');
  });
});
