// The HL7 terminology package (THO 7.0.1) over the R4 base: every value set expands or says why not, and the newer
// code system versions take precedence over the R4 copies when THO is loaded first.
import { afterAll, describe, expect, it } from 'vitest';
import { loadBasePackage } from '../../src/packages/base-package.js';
import { Definitions } from '../../src/packages/definitions.js';
import { LocalTerminology } from '../../src/terminology/local.js';
import { findThoPackage } from './tho-package.js';

const { pkg, skipReason, cleanup } = findThoPackage();
afterAll(cleanup);
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** Everything is computed only when the package is there, so a missing package skips instead of failing. */
function setUp() {
  const defs = new Definitions([pkg!, loadBasePackage()]);
  const tx = new LocalTerminology(defs);
  const valueSets = pkg!.entries.filter((e) => e.resourceType === 'ValueSet');
  const outcomes = valueSets.map((e) => ({ url: e.url!, exp: tx.expand(e.url!) }));
  return { tx, valueSets, outcomes, complete: outcomes.filter((o) => o.exp.complete) };
}
const ctx = pkg ? setUp() : undefined;

describe.skipIf(!ctx)(`hl7.terminology.r4 over the R4 base${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  const { tx, valueSets, outcomes, complete } = ctx ?? { tx: undefined!, valueSets: [], outcomes: [], complete: [] };

  it(`expands ${complete.length} of ${valueSets.length} value sets completely offline`, () => {
    expect(complete.length / valueSets.length).toBeGreaterThan(0.95);
  });

  it('never fails on filters, recursion or versions; the rest need external content', () => {
    const reasons = new Set(outcomes.filter((o) => !o.exp.complete).map((o) => o.exp.reason));
    for (const r of reasons) expect(['no-server', 'incomplete-code-system', 'too-costly', 'unknown-valueset']).toContain(r);
  });

  it('accepts every code of every complete expansion, and rejects a broken one', () => {
    let checked = 0;
    for (const { url, exp } of complete) {
      for (const c of exp.contains.slice(0, 25)) {
        expect(tx.validateCodeSync({ system: c.system, code: c.code, valueSet: url }).outcome, `${url} ${c.code}`).toBe('valid');
        checked++;
      }
      const first = exp.contains[0];
      if (first) expect(tx.validateCodeSync({ system: first.system, code: `${first.code}-x`, valueSet: url }).outcome, url).toBe('invalid');
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('uses the THO version of a code system when loaded first, and the R4 one when asked by version', () => {
    expect(tx.validateCodeSync({ system: V2_0203, code: 'FGN' }).outcome).toBe('valid'); // added after R4
    expect(tx.validateCodeSync({ system: V2_0203, version: '2.9', code: 'FGN' }).reason).toBe('unknown-code');
    const r4Only = new LocalTerminology(new Definitions([loadBasePackage()]));
    expect(r4Only.validateCodeSync({ system: V2_0203, code: 'FGN' }).reason).toBe('unknown-code');
  });

  it('follows subsumedBy hierarchies (v3 ActCode)', () => {
    expect(tx.validateCodeSync({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', valueSet: 'http://terminology.hl7.org/ValueSet/v3-ActEncounterCode' }).outcome).toBe('valid');
    expect(tx.validateCodeSync({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'CHRG', valueSet: 'http://terminology.hl7.org/ValueSet/v3-ActEncounterCode' }).outcome).toBe('invalid');
  });
});
