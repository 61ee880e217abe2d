// Compiles ValueSet.compose into cached matchers and answers membership (yes/no/unknown) and expansion questions.
// See https://hl7.org/fhir/R4/valueset.html#compositions and https://hl7.org/fhir/R4/valueset-operation-expand.html
import { builtinCodeSystem, type BuiltinCodeSystem, type Tri } from './builtin-systems.js';
import { UCUM_SYSTEM, ucumHasCanonical } from './ucum.js';
import { asArray, CodeSystemIndex } from './code-system-index.js';
import { implicitValueSet, includesFromExpansion } from './compose-sources.js';
import { evaluateFilters, type ComposeFilter, type FilterResult } from './filters.js';
import type { CanonicalResolver, CodeCheckReason } from './service.js';

/** A three-valued answer with the reason an answer is `unknown` (or `no`, for messages). */
export interface Verdict {
  state: Tri;
  reason?: CodeCheckReason;
  detail?: string;
  /** Displays the value set itself gives the code (compose.include.concept.display/designation). */
  displays?: string[];
  /** The system a code was found in, for inferred (`code`-typed) lookups. */
  system?: string;
}

export interface Problem {
  reason: CodeCheckReason;
  detail: string;
}

/** A resolved code system: an index over a local CodeSystem, a grammar-defined builtin, or why neither exists. */
export interface CodeSystemRef {
  index?: CodeSystemIndex;
  builtin?: BuiltinCodeSystem;
  problem?: Problem;
  /** The version that was asked for when only another version is loaded. */
  versionFallback?: string;
}

export interface CompiledInclude {
  system?: string;
  version?: string;
  /** Enumerated concepts: code → displays given by the value set. */
  concepts?: Map<string, string[]>;
  filters: ComposeFilter[];
  filterResult?: FilterResult;
  valueSets: CompiledValueSet[];
  problem?: Problem;
}

export interface CompiledValueSet {
  canonical: string;
  includes: CompiledInclude[];
  excludes: CompiledInclude[];
  problem?: Problem;
  versionFallback?: string;
}

export interface ExpansionEntry {
  system: string;
  version?: string;
  code: string;
  display?: string;
}

export interface Expansion {
  contains: ExpansionEntry[];
  /** False when the expansion could not be made in full; `reason`/`detail` say why. */
  complete: boolean;
  reason?: CodeCheckReason;
  detail?: string;
}

const NO: Verdict = { state: 'no' };

export class ValueSetEngine {
  private readonly codeSystems = new Map<string, CodeSystemRef>();
  private readonly valueSets = new Map<string, CompiledValueSet>();
  private readonly expansions = new Map<string, Expansion>();

  constructor(
    private readonly resolver: CanonicalResolver,
    /** Largest expansion made before giving up with `too-costly`. */
    private readonly maxExpansionSize = 10_000,
  ) {}

  /** Resolves a code system (version-aware: an exact version first, else whichever version is loaded). */
  codeSystem(system: string, version?: string): CodeSystemRef {
    const key = version ? `${system}|${version}` : system;
    let ref = this.codeSystems.get(key);
    if (ref) return ref;
    ref = this.loadCodeSystem(system, version);
    this.codeSystems.set(key, ref);
    return ref;
  }

  private loadCodeSystem(system: string, version: string | undefined): CodeSystemRef {
    let res = version ? this.resolveType('CodeSystem', `${system}|${version}`) : undefined;
    let fallback: string | undefined;
    if (!res) {
      res = this.resolveType('CodeSystem', system);
      if (res && version && res.version !== version) fallback = version;
    }
    if (res && res.content !== 'supplement' && !(res.content === 'not-present' && asArray(res.concept).length === 0)) {
      return { index: CodeSystemIndex.from(res), ...(fallback ? { versionFallback: fallback } : {}) };
    }
    const builtin = builtinCodeSystem(system);
    if (builtin) return { builtin };
    const detail = res ? `${system} is loaded with content '${res.content}' only` : `${system} is not available locally`;
    return { problem: { reason: 'no-server', detail } };
  }

  /** Compiles (and caches) a value set by canonical; problems are recorded, never thrown. */
  valueSet(canonical: string, stack: string[] = []): CompiledValueSet {
    const cached = this.valueSets.get(canonical);
    if (cached) return cached;
    if (stack.includes(canonical)) {
      return { canonical, includes: [], excludes: [], problem: { reason: 'recursive-valueset', detail: `${canonical} imports itself via ${stack.join(' → ')}` } };
    }
    const compiled = this.compileValueSet(canonical, [...stack, canonical]);
    this.valueSets.set(canonical, compiled);
    return compiled;
  }

  private compileValueSet(canonical: string, stack: string[]): CompiledValueSet {
    const [url, version] = splitVersion(canonical);
    let res = this.resolveType('ValueSet', canonical) ?? implicitValueSet(url);
    let versionFallback: string | undefined;
    if (!res && version) {
      res = this.resolveType('ValueSet', url);
      if (res) versionFallback = version;
    }
    if (!res) return { canonical, includes: [], excludes: [], problem: { reason: 'unknown-valueset', detail: `${canonical} is not loaded` } };
    const vs: CompiledValueSet = { canonical, includes: [], excludes: [], ...(versionFallback ? { versionFallback } : {}) };
    if (res.compose) {
      vs.includes = asArray(res.compose.include).map((inc) => this.compileInclude(inc, stack));
      vs.excludes = asArray(res.compose.exclude).map((inc) => this.compileInclude(inc, stack));
    } else if (res.expansion) {
      vs.includes = includesFromExpansion(res.expansion);
    } else {
      vs.problem = { reason: 'unknown-valueset', detail: `${canonical} has neither compose nor expansion` };
    }
    return vs;
  }

  private compileInclude(inc: Record<string, any>, stack: string[]): CompiledInclude {
    const out: CompiledInclude = {
      filters: asArray(inc.filter).filter((f) => typeof f?.property === 'string' && typeof f?.op === 'string'),
      valueSets: asArray(inc.valueSet).filter((v) => typeof v === 'string').map((v: string) => this.valueSet(v, stack)),
    };
    if (typeof inc.system === 'string') out.system = inc.system;
    if (typeof inc.version === 'string') out.version = inc.version;
    if (Array.isArray(inc.concept)) {
      out.concepts = new Map();
      for (const c of inc.concept) {
        if (typeof c?.code !== 'string') continue;
        const displays = [c.display, ...asArray(c.designation).map((d) => d?.value)].filter((d): d is string => typeof d === 'string');
        out.concepts.set(c.code, displays);
      }
    }
    if (out.system === undefined && out.valueSets.length === 0) {
      out.problem = { reason: 'unknown-valueset', detail: 'a compose include has neither system nor valueSet' };
    }
    return out;
  }

  /** Is (system, code) in the value set? `version` is the Coding.version, when given. */
  member(vs: CompiledValueSet, system: string, version: string | undefined, code: string): Verdict {
    if (vs.problem) return unknown(vs.problem);
    let result: Verdict = NO;
    for (const inc of vs.includes) {
      const v = this.includeMember(inc, system, version, code);
      if (v.state === 'yes') {
        result = v;
        break;
      }
      if (v.state === 'unknown' && result.state === 'no') result = v;
    }
    if (result.state === 'no') {
      return vs.versionFallback ? unknown({ reason: 'unknown-version', detail: `${vs.canonical} is loaded in another version` }) : NO;
    }
    let excludedUnknown: Verdict | undefined;
    for (const exc of vs.excludes) {
      const v = this.includeMember(exc, system, version, code);
      if (v.state === 'yes') return { state: 'no', detail: `excluded by ${vs.canonical}` };
      if (v.state === 'unknown') excludedUnknown ??= v;
    }
    return excludedUnknown ?? result;
  }

  /** Membership for a code without a system (`code`, `string`, `uri` values): any system of the value set may hold it. */
  memberAnySystem(vs: CompiledValueSet, code: string): Verdict {
    if (vs.problem) return unknown(vs.problem);
    let pending: Verdict | undefined;
    for (const system of this.systemsOf(vs, new Set())) {
      const v = this.member(vs, system, undefined, code);
      if (v.state === 'yes') return { ...v, system };
      if (v.state === 'unknown') pending ??= v;
    }
    return pending ?? NO;
  }

  private systemsOf(vs: CompiledValueSet, seen: Set<CompiledValueSet>): Set<string> {
    const out = new Set<string>();
    if (seen.has(vs)) return out;
    seen.add(vs);
    for (const inc of vs.includes) {
      if (inc.system !== undefined) out.add(inc.system);
      for (const sub of inc.valueSets) for (const s of this.systemsOf(sub, seen)) out.add(s);
    }
    return out;
  }

  private includeMember(inc: CompiledInclude, system: string, version: string | undefined, code: string): Verdict {
    if (inc.problem) return unknown(inc.problem);
    const parts: Verdict[] = [];
    if (inc.system !== undefined) {
      if (inc.system !== system) return NO;
      if (inc.version && version && inc.version !== version) return { state: 'no', detail: `the value set uses version ${inc.version} of ${system}` };
      const part = this.systemPart(inc, code);
      if (part.state === 'no') return part;
      parts.push(part);
    }
    for (const sub of inc.valueSets) {
      const v = this.member(sub, system, version, code);
      if (v.state === 'no') return v;
      parts.push(v);
    }
    const pending = parts.find((p) => p.state === 'unknown');
    if (pending) return pending;
    return { state: 'yes', displays: parts.flatMap((p) => p.displays ?? []) };
  }

  /** The system half of an include: enumerated concepts, the whole system, or its filters. */
  private systemPart(inc: CompiledInclude, code: string): Verdict {
    const ref = this.codeSystem(inc.system!, inc.version);
    if (inc.concepts) {
      let displays = inc.concepts.get(code);
      if (!displays && ref.index && !ref.index.caseSensitive) {
        for (const [c, d] of inc.concepts) if (c.toLowerCase() === code.toLowerCase()) displays = d;
      }
      return displays ? { state: 'yes', displays } : NO;
    }
    if (ref.builtin) {
      if (inc.filters.length > 0) {
        if (ref.builtin.url === UCUM_SYSTEM && inc.filters.every((f) => f.property === 'canonical' && f.op === '=' && typeof f.value === 'string')) {
          return inc.filters.every((f) => ucumHasCanonical(code, f.value as string)) ? { state: 'yes' } : NO;
        }
        return unknown({ reason: 'unsupported-filter', detail: `filters on ${ref.builtin.url} are not evaluated locally` });
      }
      const r = ref.builtin.lookup(code);
      return r.state === 'unknown' ? unknown({ reason: 'no-server', detail: r.detail ?? '' }) : { state: r.state, ...(r.detail ? { detail: r.detail } : {}) };
    }
    if (!ref.index) return unknown(ref.problem!);
    const cs = ref.index;
    const concept = cs.get(code);
    let found = concept !== undefined;
    if (found && inc.filters.length > 0) {
      inc.filterResult ??= evaluateFilters(cs, inc.filters);
      if ('unsupported' in inc.filterResult) return unknown({ reason: 'unsupported-filter', detail: inc.filterResult.unsupported });
      found = inc.filterResult.codes.has(concept!.code);
    }
    if (found) return { state: 'yes' };
    if (!cs.complete) return unknown({ reason: 'incomplete-code-system', detail: `${cs.url} has content '${cs.content}'` });
    if (ref.versionFallback) return unknown({ reason: 'unknown-version', detail: `${inc.system}|${ref.versionFallback} is not loaded (have ${cs.version ?? 'no version'})` });
    if (inc.filters.length > 0 && concept === undefined) {
      // Evaluate anyway so that a bad filter is reported as unsupported rather than as a confident "no".
      inc.filterResult ??= evaluateFilters(cs, inc.filters);
      if ('unsupported' in inc.filterResult) return unknown({ reason: 'unsupported-filter', detail: inc.filterResult.unsupported });
    }
    return NO;
  }

  /** Expands a value set (cached), up to the size cap. */
  expand(canonical: string): Expansion {
    let exp = this.expansions.get(canonical);
    if (!exp) {
      exp = this.expandCompiled(this.valueSet(canonical), new Set());
      this.expansions.set(canonical, exp);
    }
    return exp;
  }

  private expandCompiled(vs: CompiledValueSet, seen: Set<CompiledValueSet>): Expansion {
    if (vs.problem) return { contains: [], complete: false, ...vs.problem };
    if (seen.has(vs)) return { contains: [], complete: false, reason: 'recursive-valueset', detail: `${vs.canonical} imports itself` };
    seen.add(vs);
    const state: Expansion = { contains: [], complete: true };
    const byKey = new Map<string, ExpansionEntry>();
    for (const inc of vs.includes) {
      for (const e of this.enumerateInclude(inc, state, seen)) {
        byKey.set(`${e.system}|${e.code}`, e);
        if (byKey.size > this.maxExpansionSize) {
          return { contains: [], complete: false, reason: 'too-costly', detail: `${vs.canonical} has more than ${this.maxExpansionSize} codes` };
        }
      }
    }
    for (const e of byKey.values()) {
      let excluded = false;
      for (const exc of vs.excludes) {
        const v = this.includeMember(exc, e.system, undefined, e.code);
        if (v.state === 'yes') excluded = true;
        else if (v.state === 'unknown') markIncomplete(state, v);
      }
      if (!excluded) state.contains.push(e);
    }
    seen.delete(vs);
    return state;
  }

  private enumerateInclude(inc: CompiledInclude, state: Expansion, seen: Set<CompiledValueSet>): ExpansionEntry[] {
    if (inc.problem) {
      markIncomplete(state, unknown(inc.problem));
      return [];
    }
    let entries: ExpansionEntry[];
    if (inc.system !== undefined) {
      entries = this.enumerateSystemPart(inc, state);
    } else {
      const first = this.expandCompiled(inc.valueSets[0]!, seen);
      if (!first.complete) markIncomplete(state, { state: 'unknown', ...(first.reason ? { reason: first.reason } : {}), ...(first.detail ? { detail: first.detail } : {}) });
      entries = first.contains;
    }
    const others = inc.system !== undefined ? inc.valueSets : inc.valueSets.slice(1);
    return entries.filter((e) =>
      others.every((sub) => {
        const v = this.member(sub, e.system, undefined, e.code);
        if (v.state === 'unknown') markIncomplete(state, v);
        return v.state === 'yes';
      }),
    );
  }

  private enumerateSystemPart(inc: CompiledInclude, state: Expansion): ExpansionEntry[] {
    const system = inc.system!;
    const ref = this.codeSystem(system, inc.version);
    const version = inc.version ?? ref.index?.version;
    const entry = (code: string, display?: string): ExpansionEntry => ({
      system,
      code,
      ...(version ? { version } : {}),
      ...((display ?? ref.index?.get(code)?.display) ? { display: display ?? ref.index!.get(code)!.display! } : {}),
    });
    if (inc.concepts) return [...inc.concepts].map(([code, displays]) => entry(code, displays[0]));
    if (!ref.index) {
      markIncomplete(state, unknown(ref.problem ?? { reason: 'too-costly', detail: `${system} is defined by a grammar and cannot be enumerated` }));
      return [];
    }
    if (!ref.index.complete) markIncomplete(state, unknown({ reason: 'incomplete-code-system', detail: `${system} has content '${ref.index.content}'` }));
    if (inc.filters.length === 0) return [...ref.index.codes()].map((c) => entry(c));
    inc.filterResult ??= evaluateFilters(ref.index, inc.filters);
    if ('unsupported' in inc.filterResult) {
      markIncomplete(state, unknown({ reason: 'unsupported-filter', detail: inc.filterResult.unsupported }));
      return [];
    }
    return [...inc.filterResult.codes].map((c) => entry(c));
  }

  private resolveType(resourceType: string, canonical: string): Record<string, any> | undefined {
    const res = this.resolver.resolve(canonical);
    return res && res.resourceType === resourceType ? res : undefined;
  }
}

function unknown(p: Problem): Verdict {
  return { state: 'unknown', reason: p.reason, detail: p.detail };
}

function markIncomplete(state: Expansion, v: Verdict): void {
  if (!state.complete) return;
  state.complete = false;
  if (v.reason) state.reason = v.reason;
  if (v.detail) state.detail = v.detail;
}

export function splitVersion(canonical: string): [string, string | undefined] {
  const bar = canonical.indexOf('|');
  return bar === -1 ? [canonical, undefined] : [canonical.slice(0, bar), canonical.slice(bar + 1)];
}
