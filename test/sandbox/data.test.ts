// The sandbox's data is synthetic, consistent and valid: 999-range NHS Numbers, resolvable references, UK Core
// profiles claimed and their required elements present, and clean against base R4 with the project's validator.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { valuesAt } from '../../src/probes/fhir/element-values.js';
import { capabilityStatement } from '../../src/sandbox/capability-statement.js';
import { SANDBOX_RESOURCES } from '../../src/sandbox/data/index.js';
import { nhsNumberCheckDigit } from '../../src/terminology/check-digits.js';
import { hasSharedData, ukcoreIgPath } from '../../src/util/shared-data.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { basePackageSet } from '../support/base-validator.js';

function modulus11(n: string): boolean {
  return nhsNumberCheckDigit(n.slice(0, 9)) === Number(n[9]);
}

function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

/** Elements with min >= 1 in a UK Core differential (no slices), read from the shared XML at test time. */
function requiredElements(type: string): string[] {
  const xml = readFileSync(path.join(ukcoreIgPath(), 'structuredefinitions', `UKCore-${type}.xml`), 'utf8');
  const diff = xml.slice(xml.indexOf('<differential>'));
  const out: string[] = [];
  for (const m of diff.matchAll(/<element id="([^"]+)">([\s\S]*?)<\/element>/g)) {
    const [, id, body] = m;
    if (!id.includes(':') && /<min value="[1-9]/.test(body)) out.push(id);
  }
  return out;
}

describe('sandbox data', () => {
  it('has unique ids per type', () => {
    const keys = SANDBOX_RESOURCES.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses only synthetic 999-range NHS Numbers that pass Modulus 11', () => {
    const numbers = SANDBOX_RESOURCES.flatMap((r) => valuesAt(r, 'identifier'))
      .filter((i) => (i as { system?: string }).system === 'https://fhir.nhs.uk/Id/nhs-number')
      .map((i) => (i as { value: string }).value);
    expect(numbers.length).toBeGreaterThanOrEqual(4);
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(modulus11(n), n).toBe(true);
    }
  });

  it('resolves every reference inside the data set', () => {
    const keys = new Set(SANDBOX_RESOURCES.map((r) => `${r.resourceType}/${r.id}`));
    for (const r of SANDBOX_RESOURCES) for (const ref of references(r)) expect(keys.has(ref), `${r.resourceType}/${r.id} → ${ref}`).toBe(true);
  });

  it('claims the UK Core profile of its type on every resource', () => {
    for (const r of SANDBOX_RESOURCES) {
      expect((r.meta as { profile: string[] }).profile).toEqual([`https://fhir.hl7.org.uk/StructureDefinition/UKCore-${r.resourceType}`]);
    }
  });

  it.skipIf(!hasSharedData())('has every element the UK Core differentials make required', () => {
    for (const type of new Set(SANDBOX_RESOURCES.map((r) => r.resourceType))) {
      for (const id of requiredElements(type)) {
        const parts = id.split('.').slice(1);
        const leaf = parts.pop()!.replace('[x]', '');
        for (const r of SANDBOX_RESOURCES.filter((x) => x.resourceType === type)) {
          const parents = parts.length ? valuesAt(r, parts.join('.')) : [r];
          for (const parent of parents) {
            const keys = Object.keys(parent as object);
            expect(keys.some((k) => k === leaf || (id.endsWith('[x]') && k.startsWith(leaf))), `${type}/${r.id} lacks ${id}`).toBe(true);
          }
        }
      }
    }
  });

  it('validates against base R4 with no errors (resources and CapabilityStatement)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ukc-sandbox-'));
    try {
      for (const r of SANDBOX_RESOURCES) writeFileSync(path.join(dir, `${r.resourceType}-${r.id}.json`), JSON.stringify(r, null, 2));
      const types = [...new Set(SANDBOX_RESOURCES.map((r) => r.resourceType))];
      writeFileSync(path.join(dir, 'CapabilityStatement.json'), JSON.stringify(capabilityStatement('http://127.0.0.1:1/fhir', types, { bearer: true }), null, 2));
      const { report, usageErrors } = await runValidate({ paths: [dir], packageSet: basePackageSet() });
      expect(usageErrors).toEqual([]);
      const problems = report.results.flatMap((c) => c.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${c.target}: ${i.ruleId} ${i.location.expression}`));
      expect(problems).toEqual([]);
      expect(report.summary.resources).toBe(SANDBOX_RESOURCES.length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
