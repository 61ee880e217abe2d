// generateAll(): snapshots for every loaded StructureDefinition that has only a differential, in dependency order.
// A profile needs its base's snapshot first (base R4 → UK Core parents → children), and the extension and type
// profiles it walks into; both are generated on demand, so any order of definitions works.
import type { Issue } from '../model/issue.js';
import type { Definitions } from '../packages/definitions.js';
import { generateSnapshot, type SnapshotContext, type SnapshotOptions } from './generate-snapshot.js';
import { snapshotRules } from './snapshot-rules.js';

export interface GenerateAllResult {
  /** Canonicals that got a snapshot, in the order they were generated (bases before the profiles on them). */
  generated: string[];
  /** Canonicals that could not get one (base missing, circular bases). */
  failed: string[];
  /** Every issue found while generating, per definition in generation order. */
  issues: Issue[];
}

/** A SnapshotContext that generates (and registers) missing snapshots the first time a definition is resolved. */
export interface OnDemandSnapshots extends SnapshotContext {
  /** Generates the snapshot of one canonical if it lacks one (no-op otherwise). */
  ensure(url: string): void;
  readonly result: GenerateAllResult;
}

/**
 * Generates and `register()`s a snapshot for each StructureDefinition in `defs` that lacks one. The registered
 * resource is a copy of the definition with `snapshot.element` filled in; the package's own object is not touched.
 */
export function generateAll(defs: Definitions, options: SnapshotOptions = {}): GenerateAllResult {
  const ctx = onDemandSnapshots(defs, options);
  const pending: string[] = [];
  for (const e of defs.entries('StructureDefinition')) {
    if (e.url && !e.hasSnapshot) pending.push(e.url);
  }
  for (const url of pending.sort()) ctx.ensure(url);
  return ctx.result;
}

/** Resolves through `defs`, generating the snapshot of a differential-only StructureDefinition when first asked. */
export function onDemandSnapshots(defs: Definitions, options: SnapshotOptions = {}): OnDemandSnapshots {
  const result: GenerateAllResult = { generated: [], failed: [], issues: [] };
  const done = new Set<string>();
  const inProgress = new Set<string>();

  const ensure = (url: string): void => {
    if (done.has(url) || inProgress.has(url)) return;
    const sd = defs.resolve(url);
    if (!sd || sd.resourceType !== 'StructureDefinition' || hasSnapshot(sd)) return;
    const cycle = baseCycle(url, defs);
    if (cycle) {
      done.add(url);
      result.failed.push(url);
      result.issues.push(snapshotRules.baseNotFound.issue({
        messageId: 'circular', data: { url, chain: cycle.join(' → ') }, location: { source: url }, profile: url,
      }));
      return;
    }
    inProgress.add(url);
    const { snapshot, issues } = generateSnapshot(sd, ctx, options);
    inProgress.delete(url);
    done.add(url);
    result.issues.push(...issues);
    if (snapshot.length > 0) {
      defs.register({ ...sd, snapshot: { element: snapshot } });
      result.generated.push(url);
    } else {
      result.failed.push(url);
    }
  };

  const ctx: OnDemandSnapshots = {
    result,
    ensure,
    resolve(canonical) {
      const sd = defs.resolve(canonical);
      if (!sd || sd.resourceType !== 'StructureDefinition' || hasSnapshot(sd)) return sd;
      // A definition still being generated (an extension that contains itself) has no snapshot yet.
      ensure(String(sd.url));
      const generated = defs.resolve(canonical);
      return generated && hasSnapshot(generated) ? generated : undefined;
    },
  };
  return ctx;
}

function hasSnapshot(sd: Record<string, any>): boolean {
  return Array.isArray(sd.snapshot?.element) && sd.snapshot.element.length > 0;
}

/** The chain of baseDefinitions from `url` back to itself among differential-only definitions, if there is one. */
function baseCycle(url: string, defs: Definitions): string[] | undefined {
  const chain = [url];
  let current = defs.resolve(url);
  while (current) {
    const base = current.baseDefinition;
    if (typeof base !== 'string') return undefined;
    const next = defs.resolve(base);
    if (!next || hasSnapshot(next)) return undefined;
    const nextUrl = String(next.url ?? base);
    chain.push(nextUrl);
    if (nextUrl === url) return chain;
    if (chain.indexOf(nextUrl) !== chain.length - 1 || chain.length > 100) return undefined;
    current = next;
  }
  return undefined;
}
