// Meta-test over every rule (typescript-eslint docs.test.ts style): unique ids, documentation, and every message id
// is both used by the code and exercised by a test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { duplicateRuleIds, registeredRules, type Rule } from '../../src/rules/define-rule.js';
import { projectRoot } from '../../src/util/shared-data.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(n) ? [p] : [];
  });
}

const srcFiles = files(path.join(projectRoot, 'src'));
const testText = files(path.join(projectRoot, 'test')).map((f) => readFileSync(f, 'utf8')).join('\n');
const srcText = srcFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
let rules: Rule[] = [];

beforeAll(async () => {
  // Load every module that defines rules, so the registry is complete.
  for (const f of srcFiles) if (readFileSync(f, 'utf8').includes('defineRule(')) await import(pathToFileURL(f).href);
  rules = [...registeredRules().values()];
}, 60_000);

describe('rule registry', () => {
  it('has rules, and no rule id is defined twice', () => {
    expect(rules.length).toBeGreaterThan(40);
    expect(duplicateRuleIds()).toEqual([]);
  });

  it('every rule id is category/kebab-name with its category as prefix', () => {
    for (const r of rules) {
      expect(r.meta.id, r.meta.id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.id.split('/')[0], r.meta.id).toBe(r.meta.category);
    }
  });

  it('every rule has a description and a docs URL, and messageIds are camelCase', () => {
    for (const r of rules) {
      expect(r.meta.description.length, r.meta.id).toBeGreaterThan(10);
      expect(r.meta.docsUrl, r.meta.id).toMatch(/^https?:\/\//);
      for (const m of Object.keys(r.meta.messages)) expect(m, `${r.meta.id}/${m}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
  });

  it('every messageId appears in a test', () => {
    const untested = rules.flatMap((r) => Object.keys(r.meta.messages).filter((m) => !testText.includes(m)).map((m) => `${r.meta.id}/${m}`));
    expect(untested).toEqual([]);
  });

  it('every messageId is used by the code outside its own definition', () => {
    const unused = rules.flatMap((r) => Object.keys(r.meta.messages).filter((m) => srcText.split(m).length - 1 < 2).map((m) => `${r.meta.id}/${m}`));
    expect(unused).toEqual([]);
  });
});
