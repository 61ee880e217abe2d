// Outputs validate against their published schemas: our report schema, the OASIS SARIF 2.1.0 schema, a JUnit XSD.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { withDigest } from '../../src/report/digest.js';
import { schemaPath } from '../../src/report/schemas.js';
import { signReport } from '../../src/report/sign.js';
import { applyBaseline } from '../../src/report/baseline.js';
import { applyWaivers } from '../../src/report/waivers.js';
import { junit } from '../../src/reporters/junit.js';
import { renderJson } from '../../src/reporters/json.js';
import { sarif } from '../../src/reporters/sarif.js';
import { generateKeyPairSync } from 'node:crypto';
import { CWD, FIXTURES, fixturePath, loadFixture } from './helpers/fixtures.js';

const require = createRequire(import.meta.url);
// Both packages are CommonJS with `exports.default`, which NodeNext types as the module object: require them.
const AjvDraft04 = (require('ajv-draft-04') as { default: typeof Ajv }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: Ajv) => Ajv }).default;

/** The official OASIS SARIF 2.1.0 (rtm.5) JSON schema, as shipped in @microsoft/jest-sarif (draft-04). */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // unicodeRegExp off: the schema's `language` pattern has a stray ']' that only non-unicode RegExps accept.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

function reportValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath('report'), 'utf8')));
}

/** A report using every optional part: signature, waivers (applied and expired), baseline. */
function fullReport() {
  const waived = applyWaivers(loadFixture('validate-run'), [
    { ruleId: 'ukcore/nhs-number-check-digit', reason: 'Legacy test data', owner: 'team-a', expires: '2099-01-01' },
    { ruleId: 'structure/cardinality', reason: 'Agreed deviation', owner: 'team-b', expires: '2000-01-01' },
  ], '2025-06-01', { source: 'waivers.json' });
  const baselined = applyBaseline(waived, withDigest(loadFixture('validate-clean')));
  const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signed = signReport(baselined, key);
  if (!signed.ok) throw new Error(signed.error);
  return signed.report;
}

describe('report.schema.json', () => {
  const validate = reportValidator();
  it.each(FIXTURES)('json output of %s validates', (name) => {
    const ok = validate(JSON.parse(renderJson(withDigest(loadFixture(name)))));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a report with signature, waivers and baseline validates', () => {
    const r = fullReport();
    expect(r.waivers?.length).toBe(2);
    expect(r.baseline).toBeDefined();
    const ok = validate(JSON.parse(renderJson(r)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each([
    ['unknown top-level field', (r: any) => ({ ...r, extra: 1 })],
    ['wrong status', (r: any) => ({ ...r, results: [{ ...r.results[0], status: 'passed' }] })],
    ['missing summary', (r: any) => ({ ...r, summary: undefined })],
    ['bad digest', (r: any) => ({ ...r, integrity: { algorithm: 'sha256', digest: 'xyz' } })],
    ['wrong schemaVersion', (r: any) => ({ ...r, schemaVersion: 2 })],
  ])('control: rejects %s', (_n, mutate) => {
    expect(validate(JSON.parse(JSON.stringify(mutate(loadFixture('validate-run')))))).toBe(false);
  });
});

describe('SARIF 2.1.0 schema', () => {
  const validate = sarifValidator();
  it.each(FIXTURES)('sarif output of %s validates', (name) => {
    const ok = validate(JSON.parse(sarif(withDigest(loadFixture(name)), { color: false, cwd: CWD })));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('sarif with suppressions (waivers) and baseline states validates', () => {
    const log = JSON.parse(sarif(fullReport(), { color: false, cwd: CWD }));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results.some((r: any) => r.suppressions?.[0]?.kind === 'external')).toBe(true);
    expect(log.runs[0].results.some((r: any) => r.baselineState === 'new')).toBe(true);
  });

  it('control: rejects a result with an invalid level', () => {
    const log = JSON.parse(sarif(loadFixture('validate-run'), { color: false, cwd: CWD }));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });
});

describe('JUnit XSD (fixtures/reports/junit.xsd)', () => {
  const xsd = { fileName: 'junit.xsd', contents: readFileSync(fixturePath('junit.xsd'), 'utf8') };
  it.each(FIXTURES)('junit output of %s validates', async (name) => {
    const result = await validateXML({ xml: { fileName: `${name}.xml`, contents: junit(withDigest(loadFixture(name))) }, schema: xsd });
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('control: the XSD rejects duplicate classname+name and a missing name', async () => {
    const xml = junit(loadFixture('validate-run'));
    const dup = xml.replace('name="validate/resource #entry[0] Encounter/enc-1"', 'name="validate/resource #entry[1] Encounter/enc-2"');
    expect((await validateXML({ xml: { fileName: 'dup.xml', contents: dup }, schema: xsd })).valid).toBe(false);
    const noName = xml.replace(/<testsuite name="[^"]*"/, '<testsuite');
    expect((await validateXML({ xml: { fileName: 'noname.xml', contents: noName }, schema: xsd })).valid).toBe(false);
  });
});
