// LocalTerminology: $validate-code answered from loaded packages (CodeSystems, ValueSets), never from the network.
import type { ConceptEntry } from './code-system-index.js';
import { displayMatches } from './display.js';
import { REASON_TEXT, type CanonicalResolver, type CodeCheck, type TerminologyService, type ValidateCodeRequest } from './service.js';
import { ValueSetEngine, type Expansion, type Verdict } from './value-set-engine.js';

export interface LocalTerminologyOptions {
  /** Largest expansion made before reporting `too-costly` (default 10,000 codes). */
  maxExpansionSize?: number;
}

const MAX_CACHED_CHECKS = 100_000;

/** The code-system half of a check: found, certainly absent, or undecidable here. */
type SystemState =
  | { state: 'found'; concept?: ConceptEntry }
  | { state: 'absent'; detail: string }
  | { state: 'unknown'; verdict: Verdict };

export class LocalTerminology implements TerminologyService {
  readonly engine: ValueSetEngine;
  private readonly cache = new Map<string | undefined, any>();
  private cached = 0;

  constructor(
    /** Where CodeSystems and ValueSets come from (a `Definitions`). */
    readonly resolver: CanonicalResolver,
    options: LocalTerminologyOptions = {},
  ) {
    this.engine = new ValueSetEngine(resolver, options.maxExpansionSize);
  }

  async validateCode(request: ValidateCodeRequest): Promise<CodeCheck> {
    return this.validateCodeSync(request);
  }

  /** Synchronous form of validateCode (everything local is in memory). */
  validateCodeSync(request: ValidateCodeRequest): CodeCheck {
    // Answers are cached by the five request fields, in nested maps (no key string is built per call).
    let level: Map<string | undefined, any> = this.cache;
    const path = [request.valueSet, request.system, request.code, request.version];
    for (const k of path) {
      let next = level.get(k);
      if (!next) level.set(k, (next = new Map()));
      level = next;
    }
    let check = level.get(request.display) as CodeCheck | undefined;
    if (!check) {
      check = this.compute(request);
      if (++this.cached > MAX_CACHED_CHECKS) {
        this.cache.clear();
        this.cached = 0;
        return check;
      }
      level.set(request.display, check);
    }
    return check;
  }

  /** Expands a value set from local content (cached), reporting why when it cannot be complete. */
  expand(valueSet: string): Expansion {
    return this.engine.expand(valueSet);
  }

  /** True when the system is a local CodeSystem with `content = complete` (absence of a code is then decisive). */
  isLocalComplete(system: string, version?: string): boolean {
    const ref = this.engine.codeSystem(system, version);
    return !!ref.index?.complete && !ref.versionFallback;
  }

  private compute(req: ValidateCodeRequest): CodeCheck {
    const base: Partial<CodeCheck> = req.valueSet ? { valueSet: req.valueSet } : {};
    if (req.system === undefined) return this.computeInferred(req, base);
    const sys = this.systemState(req.system, req.version, req.code);
    if (sys.state === 'absent') {
      return { ...base, outcome: 'invalid', reason: 'unknown-code', system: req.system, message: sys.detail };
    }
    const display = sys.state === 'found' ? this.displayCheck(sys.concept, req.display) : {};
    if (!req.valueSet) {
      if (sys.state === 'found') return { ...base, ...display, outcome: 'valid', system: req.system };
      return notVerified(base, sys.verdict, req.system);
    }
    const verdict = this.engine.member(this.engine.valueSet(req.valueSet), req.system, req.version, req.code);
    return this.fromMembership(base, verdict, req, display);
  }

  /** `code`/`string`/`uri` values carry no system: find the value set's system that holds the code. */
  private computeInferred(req: ValidateCodeRequest, base: Partial<CodeCheck>): CodeCheck {
    if (!req.valueSet) return { ...base, outcome: 'not-verified', reason: 'unknown-system', message: `code '${req.code}' has no system and no value set` };
    const verdict = this.engine.memberAnySystem(this.engine.valueSet(req.valueSet), req.code);
    if (verdict.state === 'yes' && verdict.system) return this.validateCodeSync({ ...req, system: verdict.system });
    return this.fromMembership(base, verdict, req, {});
  }

  private fromMembership(base: Partial<CodeCheck>, verdict: Verdict, req: ValidateCodeRequest, display: Partial<CodeCheck>): CodeCheck {
    const system = req.system ?? verdict.system;
    const sys = system ? { system } : {};
    if (display.displayMismatch && req.display !== undefined && displayMatches(req.display, verdict.displays ?? [])) {
      // The value set's own display/designation for the code is acceptable too.
      const { displayMismatch: _ignored, ...rest } = display;
      display = rest;
    }
    if (verdict.state === 'yes') return { ...base, ...display, ...sys, outcome: 'valid' };
    if (verdict.state === 'no') {
      const what = req.system ? `${req.system}#${req.code}` : `'${req.code}'`;
      return {
        ...base,
        ...display,
        ...sys,
        outcome: 'invalid',
        reason: 'not-in-valueset',
        message: `${what} is not in ${req.valueSet}${verdict.detail ? ` (${verdict.detail})` : ''}`,
      };
    }
    return { ...notVerified(base, verdict, system), ...display };
  }

  private systemState(system: string, version: string | undefined, code: string): SystemState {
    const ref = this.engine.codeSystem(system, version);
    if (ref.builtin) {
      const r = ref.builtin.lookup(code);
      if (r.state === 'yes') return { state: 'found' };
      if (r.state === 'no') return { state: 'absent', detail: r.detail ?? `'${code}' is not a code of ${system}` };
      return { state: 'unknown', verdict: { state: 'unknown', reason: 'no-server', detail: r.detail ?? '' } };
    }
    if (!ref.index) return { state: 'unknown', verdict: { state: 'unknown', reason: ref.problem!.reason, detail: ref.problem!.detail } };
    const concept = ref.index.get(code);
    if (concept) return { state: 'found', concept };
    if (!ref.index.complete) {
      return { state: 'unknown', verdict: { state: 'unknown', reason: 'incomplete-code-system', detail: `${system} has content '${ref.index.content}'` } };
    }
    if (ref.versionFallback) {
      return { state: 'unknown', verdict: { state: 'unknown', reason: 'unknown-version', detail: `${system}|${ref.versionFallback} is not loaded (have ${ref.index.version ?? 'no version'})` } };
    }
    const variant = ref.index.caseVariant(code);
    return { state: 'absent', detail: `'${code}' is not defined in ${system}${ref.index.version ? `|${ref.index.version}` : ''}${variant ? ` (codes are case-sensitive; did you mean '${variant}'?)` : ''}` };
  }

  /** Display check against the concept's display and all designations (case and whitespace are not significant). */
  private displayCheck(concept: ConceptEntry | undefined, display: string | undefined): Partial<CodeCheck> {
    if (!concept) return {};
    const out: Partial<CodeCheck> = concept.display !== undefined ? { display: concept.display } : {};
    const inactive = inactiveStatus(concept);
    if (inactive) out.inactive = inactive;
    if (display === undefined) return out;
    const known = [concept.display, ...concept.designations.map((d) => d.value)].filter((d): d is string => d !== undefined);
    if (known.length > 0 && !displayMatches(display, known)) out.displayMismatch = true;
    return out;
  }
}

/**
 * Whether a concept is out of use, from the standard concept properties
 * (https://hl7.org/fhir/R4/codesystem-concept-properties.html): `status` retired/inactive/deprecated, `inactive`
 * true, or a `deprecated` date. Other status values (active, v2's table codes) say nothing here.
 */
function inactiveStatus(concept: ConceptEntry): CodeCheck['inactive'] {
  const status = concept.properties.get('status')?.[0]?.toLowerCase();
  if (status === 'retired') return 'retired';
  if (status === 'inactive' || concept.properties.get('inactive')?.[0] === 'true') return 'inactive';
  if (status === 'deprecated' || concept.properties.has('deprecated')) return 'deprecated';
  return undefined;
}

function notVerified(base: Partial<CodeCheck>, verdict: Verdict, system: string | undefined): CodeCheck {
  const reason = verdict.reason ?? 'no-server';
  return {
    ...base,
    ...(system ? { system } : {}),
    outcome: 'not-verified',
    reason,
    message: verdict.detail || REASON_TEXT[reason],
  };
}
