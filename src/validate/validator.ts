// Orchestration: one parsed resource in, one CheckResult per resource (Bundle entries included) out.
import type { Issue } from '../model/issue.js';
import { isFailing } from '../model/issue.js';
import type { CheckResult, MustSupportCoverage } from '../model/result.js';
import type { ParsedResource } from '../parse/parsed-resource.js';
import type { Definitions } from '../packages/definitions.js';
import { Structures } from '../structure/structures.js';
import { FhirPathEvaluator } from '../fhirpath/evaluator.js';
import { StructureWalker, type ElementVisit } from './structure-walker.js';
import { checkBundle } from './bundle/check-bundle.js';
import { ReferenceContext } from './references/reference-check.js';
import { bindingInput, checkBinding, checkBindingSync, checkCodeSyntax, codedValueKey, type LocalTerminology, type TerminologyService } from '../terminology/index.js';
import { loadR5Definitions, ProfileValidator, type BindingHook } from '../profile/index.js';
import { ProfileSelector } from './profile-selection.js';
import { BindingMemo } from './binding-memo.js';
import { checkAttachmentData } from './datatypes/attachment-data.js';
import { checkCanonicalUrl } from './datatypes/canonical-url.js';
import { checkIdentifierUri } from './datatypes/identifier-uri.js';

export interface ValidatorOptions {
  /** Extra element-level checks that run during the walk. */
  elementHooks?: Array<(visit: ElementVisit, issues: Issue[], source: string) => void>;
  /** Local terminology (always offline-capable) and, with --tx, a server-backed service layered over it. */
  terminology?: { local: LocalTerminology; remote?: TerminologyService };
  /** Profiles: `--profile` canonicals and the UK Core default (UKCore-<Type>, on unless false). */
  profiles?: { requested?: string[]; ukcoreDefault?: boolean };
}

/** Profiles checked and must-support coverage for one resource of the input (-1: the root, n: Bundle entry n). */
interface SlotProfiles {
  profiles: string[];
  mustSupport: MustSupportCoverage[];
}

const SYNTAX_TYPES = new Set(['Identifier', 'Coding', 'Quantity', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);

export class Validator {
  readonly structures: Structures;
  readonly fhirpath = new FhirPathEvaluator();
  readonly selector: ProfileSelector;
  private readonly profiles: ProfileValidator;
  /** Where the current walk collects asynchronous (terminology server) binding checks. */
  private pending: Promise<Issue[]>[] | undefined;
  private readonly bindingMemo = new BindingMemo();

  constructor(readonly defs: Definitions, private readonly options: ValidatorOptions = {}) {
    this.structures = new Structures(defs);
    this.selector = new ProfileSelector(defs, {
      requested: options.profiles?.requested ?? [],
      ukcoreDefault: options.profiles?.ukcoreDefault ?? true,
    });
    // Loaded on the first cross-version extension URL only (most inputs have none).
    this.profiles = new ProfileValidator({ structures: this.structures, r5: loadR5Definitions, ...(options.terminology ? { onBinding: this.profileBinding() } : {}) });
  }

  /** Profile bindings (slices, extensions, narrowed value sets) through the same terminology as the base pass. */
  private profileBinding(): BindingHook {
    const tx = this.options.terminology!;
    return (value, type, binding, location, profile, elementId, position) => {
      // Code-system findings (unknown code, display) were reported by the base pass for the same value.
      const input = { value, type, binding: binding as never, location, profile, elementId, checkCodes: false };
      if (tx.remote && this.pending) {
        // Answered later, outside the walk: the issues take the element's line now.
        const lc = position();
        this.pending.push(checkBinding({ ...input, location: lc ? { ...location, line: lc.line, column: lc.column } : location, tx: tx.remote }));
        return [];
      }
      // The same code under the same profile element recurs across resources: remembered like the base pass's.
      const key = `p|${profile}|${elementId}|${type}|${binding.strength}|${binding.valueSet}`;
      return this.bindingMemo.issues(key, value, location.expression ?? '', location.source,
        () => checkBindingSync({ ...input, tx: tx.local }), codedValueKey(value, type));
    };
  }

  /**
   * Validates one parsed input resource; a Bundle yields a result for itself and one per entry resource.
   * Synchronous unless a terminology server is configured: then use validateAsync.
   */
  validate(parsed: ParsedResource, target: string): CheckResult[] {
    const run = this.walk(parsed, target);
    if (run.pending.length) throw new Error('a terminology server is configured: call validateAsync');
    return run.finish([]);
  }

  async validateAsync(parsed: ParsedResource, target: string): Promise<CheckResult[]> {
    const run = this.walk(parsed, target);
    const late = run.pending.length ? (await Promise.all(run.pending)).flat() : [];
    return run.finish(late);
  }

  private walk(parsed: ParsedResource, target: string): { pending: Promise<Issue[]>[]; finish(late: Issue[]): CheckResult[] } {
    const started = performance.now();
    const hooks = this.options.elementHooks ?? [];
    const tx = this.options.terminology;
    const refs = new ReferenceContext(parsed.value, parsed.positions, parsed.source);
    const pending: Promise<Issue[]>[] = [];
    this.pending = pending;
    const locate = (issue: Issue, segs: readonly (string | number)[]) => {
      if (issue.location.line !== undefined) return;
      const lc = parsed.positions.locate(parsed.value, segs);
      if (lc) Object.assign(issue.location, lc);
    };
    // What the extension and type-profile checks need to place a visit in the input (one object per resource).
    const visitInput = { source: parsed.source, positions: parsed.positions, root: parsed.value, bundle: refs };
    const walker: StructureWalker = new StructureWalker(
      this.structures,
      this.fhirpath,
      { source: parsed.source, positions: parsed.positions, root: parsed.value, fromXml: parsed.format === 'xml', resolveReference: (ref, segs) => refs.resolveInBundle(ref, segs) },
      (visit) => {
        const issues = walker.issues;
        const before = issues.length;
        refs.check(visit, issues);
        if (visit.typeCode === 'Attachment') issues.push(...checkAttachmentData(visit, (name) => ({ source: parsed.source, expression: `${visit.expression}.${name}` })));
        else if (visit.typeCode === 'Identifier') issues.push(...checkIdentifierUri(visit, (name) => ({ source: parsed.source, expression: `${visit.expression}.${name}` })));
        else if (visit.node.name === 'url') issues.push(...checkCanonicalUrl(visit, () => ({ source: parsed.source, expression: visit.expression })));
        if (visit.typeCode === 'Extension') {
          issues.push(...this.profiles.checkExtensionAt(visit, visitInput));
        } else if (this.profiles.typeProfilesOf(visit)) {
          issues.push(...this.profiles.checkTypeProfilesAt(visit, visitInput));
        }
        for (const h of hooks) h(visit, issues, parsed.source);
        if (tx) {
          if (visit.typeCode && SYNTAX_TYPES.has(visit.typeCode)) {
            issues.push(...checkCodeSyntax({ value: visit.value, type: visit.typeCode, location: { source: parsed.source, expression: visit.expression } }));
          }
          const input = bindingInput(visit, parsed.source);
          if (input) {
            if (tx.remote) {
              const segs = [...visit.segs];
              pending.push(checkBinding({ ...input, tx: tx.remote }).then((list) => {
                for (const i of list) locate(i, segs);
                return list;
              }));
            } else {
              // bindingInput() returns a fresh object: give it the service instead of copying it per coded element.
              const b = input.binding;
              const key = `${visit.node.id}|${input.type}|${b ? `${b.strength}|${b.valueSet ?? ''}` : ''}|${input.checkCodes === false ? 0 : 1}`;
              const list = this.bindingMemo.issues(key, input.value, visit.expression, parsed.source,
                () => checkBindingSync(Object.assign(input, { tx: tx.local })), codedValueKey(input.value, input.type));
              for (const i of list) issues.push(i);
            }
          }
        }
        for (let i = before; i < issues.length; i++) locate(issues[i]!, visit.segs);
      },
    );
    const rt = walker.walkResource(parsed.value, '', []);
    // The walker's list is this run's own, so it can be extended in place when the reader found nothing.
    const issues = parsed.issues.length ? [...parsed.issues, ...walker.issues] : walker.issues;
    if (rt === 'Bundle') issues.push(...checkBundle(parsed, this.structures));
    const slots = new Map<number, SlotProfiles>();
    if (rt) {
      slots.set(-1, this.checkProfiles(parsed, parsed.value, rt, [], rt, refs, issues));
      if (rt === 'Bundle' && Array.isArray(parsed.value.entry)) {
        (parsed.value.entry as Array<Record<string, unknown> | null>).forEach((entry, i) => {
          const res = entry?.resource as Record<string, unknown> | undefined;
          const type = res && typeof res === 'object' && typeof res.resourceType === 'string' ? res.resourceType : undefined;
          if (res && type && this.structures.typeTree(type)) {
            slots.set(i, this.checkProfiles(parsed, res, type, ['entry', i, 'resource'], `Bundle.entry[${i}].resource`, refs, issues));
          }
        });
      }
    }
    this.pending = undefined;
    return {
      pending,
      finish: (late) => splitByEntry(parsed, target, rt, late.length ? [...issues, ...late] : issues, performance.now() - started, slots),
    };
  }

  /** Checks one resource against every profile selected for it; issues go to `into`. */
  private checkProfiles(parsed: ParsedResource, resource: Record<string, unknown>, rt: string, segs: (string | number)[],
    expression: string, refs: ReferenceContext, into: Issue[]): SlotProfiles {
    const lc = parsed.positions.locate(parsed.value, segs);
    const { profiles, issues } = this.selector.select(resource, rt, { source: parsed.source, expression, ...(lc ?? {}) });
    into.push(...issues);
    const out: SlotProfiles = { profiles: [`http://hl7.org/fhir/StructureDefinition/${rt}`], mustSupport: [] };
    for (const p of profiles) {
      const r = this.profiles.validate({ resource, root: parsed.value, segs, expression, source: parsed.source, positions: parsed.positions, bundle: refs }, p.canonical);
      into.push(...r.issues);
      out.profiles.push(p.canonical);
      if (r.mustSupport.elements.length) out.mustSupport.push(r.mustSupport);
    }
    this.checkContainedClaims(parsed, resource, segs, expression, refs, into);
    return out;
  }

  /**
   * Contained resources are checked against the profiles they claim in meta.profile (they are part of their
   * container, so the UK Core default applies to the container, not to them).
   */
  private checkContainedClaims(parsed: ParsedResource, container: Record<string, unknown>, segs: (string | number)[],
    expression: string, refs: ReferenceContext, into: Issue[]): void {
    if (!Array.isArray(container.contained)) return;
    (container.contained as unknown[]).forEach((c, i) => {
      if (!c || typeof c !== 'object') return;
      const res = c as Record<string, unknown>;
      const claims = (res.meta as { profile?: unknown } | undefined)?.profile;
      if (!Array.isArray(claims) || claims.length === 0 || typeof res.resourceType !== 'string') return;
      const cSegs = [...segs, 'contained', i];
      const cExpr = `${expression}.contained[${i}]`;
      const lc = parsed.positions.locate(parsed.value, cSegs);
      const { profiles, issues } = this.selector.select(res, res.resourceType, { source: parsed.source, expression: cExpr, ...(lc ?? {}) }, true);
      into.push(...issues);
      for (const p of profiles) {
        into.push(...this.profiles.validate({
          resource: res, root: parsed.value, segs: cSegs, expression: cExpr, source: parsed.source, positions: parsed.positions,
          bundle: refs, container, containerSegs: segs, containerExpression: expression,
        }, p.canonical).issues);
      }
    });
  }
}

const ENTRY_EXPR = /^Bundle\.entry\[(\d+)\]\.resource(?=$|[.[])/;

/** Splits a Bundle's issues into the Bundle's own result and one result per entry resource. */
function splitByEntry(parsed: ParsedResource, target: string, rt: string | undefined, issues: Issue[], ms: number,
  slots: Map<number, SlotProfiles>): CheckResult[] {
  const value = parsed.value;
  const main = resourceResult(target, rt, value, [], ms, parsed, [], slots.get(-1));
  if (rt !== 'Bundle' || !Array.isArray(value.entry)) {
    main.issues = issues;
    main.status = statusOf(issues);
    return [main];
  }
  const entries = value.entry as Array<Record<string, unknown> | null>;
  const perEntry = new Map<number, Issue[]>();
  for (const issue of issues) {
    const m = issue.location.expression ? ENTRY_EXPR.exec(issue.location.expression) : null;
    const idx = m ? Number(m[1]) : -1;
    const res = idx >= 0 ? entries[idx]?.resource : undefined;
    if (res && typeof res === 'object') {
      let list = perEntry.get(idx);
      if (!list) perEntry.set(idx, (list = []));
      list.push(issue);
    } else {
      main.issues.push(issue);
    }
  }
  main.status = statusOf(main.issues);
  const out = [main];
  entries.forEach((entry, idx) => {
    const res = entry?.resource;
    if (!res || typeof res !== 'object' || Array.isArray(res)) return;
    const list = perEntry.get(idx) ?? [];
    const r = resourceResult(`${target}#entry[${idx}]`, stringOr((res as Record<string, unknown>).resourceType), res as Record<string, unknown>, list, 0, parsed, ['entry', idx, 'resource'], slots.get(idx));
    r.status = statusOf(list);
    out.push(r);
  });
  return out;
}

function resourceResult(target: string, rt: string | undefined, res: Record<string, unknown>, issues: Issue[], ms: number,
  parsed: ParsedResource, segs: (string | number)[], slot: SlotProfiles | undefined): CheckResult {
  const line = parsed.positions.locate(parsed.value, segs)?.line;
  const profiles = slot?.profiles ?? [`http://hl7.org/fhir/StructureDefinition/${rt ?? 'Resource'}`];
  const extra = profiles.length - 1;
  return {
    checkId: 'validate/resource',
    title: `${rt ?? 'Resource'}${typeof res.id === 'string' ? `/${res.id}` : ''} conforms to FHIR R4${extra > 0 ? ` and ${extra} profile${extra > 1 ? 's' : ''}` : ''}`,
    target,
    status: 'pass',
    optional: false,
    requirementIds: [],
    issues,
    durationMs: Math.round(ms * 1000) / 1000,
    resource: resourceSummary(rt, res.id, profiles, line),
    ...(slot?.mustSupport.length ? { mustSupport: slot.mustSupport } : {}),
  };
}

/** CheckResult.resource, absent fields left out, keys in report order (built directly: this runs once per resource). */
function resourceSummary(rt: string | undefined, id: unknown, profiles: string[], line: number | undefined): NonNullable<CheckResult['resource']> {
  const out = {} as NonNullable<CheckResult['resource']>;
  if (rt) out.resourceType = rt;
  if (typeof id === 'string') out.id = id;
  out.profiles = profiles;
  if (line) out.line = line;
  return out;
}

export function statusOf(issues: Issue[]): CheckResult['status'] {
  return issues.some((i) => isFailing(i.severity)) ? 'fail' : 'pass';
}

function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
