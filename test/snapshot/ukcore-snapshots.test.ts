// UK Core (differential-only XML definitions): every definition gets a snapshot, in dependency order, without errors,
// and none of fhir-snapshot-generator's measured defects (slice min, binding value sets, extension slicing) appear.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Definitions } from '../../src/packages/definitions.js';
import { generateAll, type GenerateAllResult } from '../../src/snapshot/index.js';
import { buildElementTree, parseMax } from '../../src/structure/element-tree.js';
import { ukcoreIgPath } from '../../src/util/shared-data.js';
import { basePackage } from './fixture-defs.js';
import { folderPackage, xmlReader, type XmlReader } from './xml-loader.js';

const dir = path.join(ukcoreIgPath(), 'structuredefinitions');
const reader = existsSync(dir) ? await xmlReader(new Definitions([basePackage()])) : { reason: `${dir} not found` };
if (!reader.read) {
  console.log(`UK Core snapshot tests skipped: ${reader.reason}`);
}

function load(read: XmlReader): { defs: Definitions; ukcore: Record<string, any>[] } {
  const pkg = folderPackage(dir, 'ukcore', read);
  const ukcore = pkg.entries.filter((e) => e.resourceType === 'StructureDefinition').map((e) => pkg.read(e) as Record<string, any>);
  return { defs: new Definitions([pkg, basePackage()]), ukcore };
}

describe.skipIf(!reader.read)('UK Core snapshots', () => {
  let defs: Definitions;
  let ukcore: Record<string, any>[];
  let result: GenerateAllResult;
  let ms = 0;

  beforeAll(() => {
    ({ defs, ukcore } = load(reader.read!));
    const start = performance.now();
    result = generateAll(defs);
    ms = performance.now() - start;
  });

  const snapshotOf = (url: string): Record<string, any>[] => defs.resolve(url)?.snapshot?.element ?? [];

  it('reads all 153 definitions, all differential-only', () => {
    expect(ukcore).toHaveLength(153);
    expect(ukcore.every((sd) => !sd.snapshot && Array.isArray(sd.differential?.element))).toBe(true);
  });

  it('gives every definition a snapshot without errors', () => {
    const urls = ukcore.map((sd) => sd.url);
    expect(urls.filter((u) => !result.generated.includes(u))).toEqual([]);
    const errors = result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    const warnings = result.issues.filter((i) => i.severity === 'warning');
    const elements = urls.reduce((n, u) => n + snapshotOf(u).length, 0);
    console.log(
      `UK Core: ${urls.length} snapshots, ${elements} elements, generated in ${ms.toFixed(0)} ms; ` +
        `${errors.length} errors, ${warnings.length} warnings${warnings.map((w) => `\n  warning ${w.ruleId}/${w.messageId} ${w.profile} ${w.elementId}`).join('')}`,
    );
    expect(errors.map((e) => `${e.profile} ${e.elementId} ${e.ruleId}/${e.messageId}`)).toEqual([]);
    // The one warning is a genuine UK Core slip: id `...extension:CollectorR5` with sliceName `collectorR5`.
    expect(warnings.map((w) => `${w.ruleId}/${w.messageId} ${w.elementId}`)).toEqual([
      'snapshot/slicing/sliceNameMismatch Specimen.collection.extension:CollectorR5',
    ]);
  });

  it('generates parents before the profiles derived from them', () => {
    const order = result.generated;
    for (const sd of ukcore) {
      if (order.includes(sd.baseDefinition)) expect(order.indexOf(sd.baseDefinition), sd.url).toBeLessThan(order.indexOf(sd.url));
    }
    const vs = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation-VitalSigns';
    expect(ukcore.filter((sd) => sd.baseDefinition === vs).length).toBeGreaterThanOrEqual(9);
  });

  it('has ids, base and constraint sources everywhere, and trees the validator can read', () => {
    for (const sd of ukcore) {
      const elements = snapshotOf(sd.url);
      expect(new Set(elements.map((e) => e.id)).size, sd.url).toBe(elements.length);
      for (const el of elements) {
        expect(el.base?.path, `${sd.url} ${el.id}`).toBeTruthy();
        for (const c of el.constraint ?? []) expect(c.source, `${el.id} ${c.key}`).toBeTruthy();
      }
      expect(() => buildElementTree(defs.resolve(sd.url)!)).not.toThrow();
    }
  });

  it('gives new slices min 0 unless the differential says otherwise, and never min > max', () => {
    let checked = 0;
    for (const sd of ukcore) {
      const base = defs.resolve(sd.baseDefinition)!.snapshot.element as Record<string, any>[];
      const baseIds = new Set(base.map((e) => e.id));
      const elements = snapshotOf(sd.url);
      for (const d of sd.differential.element) {
        // Slices inside another slice may come from the definition of that slice's type (an extension's own slices).
        if (!d.sliceName || d.min !== undefined || baseIds.has(d.id) || d.id.split(':').length > 2) continue;
        const el = elements.find((e) => e.sliceName === d.sliceName && e.path === d.path);
        expect(el?.min, `${sd.url} ${d.id}`).toBe(0);
        checked++;
      }
      for (const el of elements) expect(el.min ?? 0, `${sd.url} ${el.id}`).toBeLessThanOrEqual(parseMax(el.max));
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('keeps the base value set when a differential states only a binding strength', () => {
    let checked = 0;
    for (const sd of ukcore) {
      const elements = snapshotOf(sd.url);
      for (const d of sd.differential.element) {
        if (!d.binding || d.binding.valueSet) continue;
        const el = elements.find((e) => e.id === d.id);
        expect(el?.binding?.valueSet, `${sd.url} ${d.id}`).toBeTruthy();
        expect(el?.binding?.strength).toBe(d.binding.strength);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('slices every sliced extension element by url', () => {
    let checked = 0;
    for (const sd of ukcore) {
      const elements = snapshotOf(sd.url);
      for (const head of elements) {
        if (!/(^|\.)(extension|modifierExtension)$/.test(head.path) || head.sliceName) continue;
        const hasSlices = elements.some((e) => e.sliceName && e.id.startsWith(`${head.id}:`));
        if (!hasSlices) continue;
        expect(head.slicing?.discriminator, `${sd.url} ${head.id}`).toContainEqual({ type: 'value', path: 'url' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('is deterministic: a second run over freshly read definitions gives the same snapshots', () => {
    const again = load(reader.read!);
    generateAll(again.defs);
    for (const sd of ukcore) {
      expect(JSON.stringify(again.defs.resolve(sd.url)?.snapshot), sd.url).toBe(JSON.stringify(defs.resolve(sd.url)?.snapshot));
    }
  });
});
