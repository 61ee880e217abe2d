// checkBinding: judges one coded value against its ElementDefinition.binding through a TerminologyService.
// Binding strengths: https://hl7.org/fhir/R4/terminologies.html#strength; CodeableConcept: any coding may satisfy
// (https://hl7.org/fhir/R4/terminologies.html#binding). Codes are also checked against their code system whatever
// the strength (unknown codes in complete local systems, display mismatches).
import type { Issue, Location } from '../model/issue.js';
import bindingExtensible from '../rules/terminology/binding-extensible.js';
import bindingNotVerified from '../rules/terminology/binding-not-verified.js';
import bindingPreferred from '../rules/terminology/binding-preferred.js';
import bindingRequired from '../rules/terminology/binding-required.js';
import displayMismatch from '../rules/terminology/display-mismatch.js';
import inactiveCode from '../rules/terminology/inactive-code.js';
import unknownCode from '../rules/terminology/unknown-code.js';
import { REASON_TEXT, type CodeCheck, type TerminologyService, type ValidateCodeRequest } from './service.js';
import { UCUM_SYSTEM } from './ucum.js';

export type BindingStrength = 'required' | 'extensible' | 'preferred' | 'example';

export interface Binding {
  strength: BindingStrength | string;
  valueSet?: string;
}

export interface CheckBindingInput {
  value: unknown;
  /** FHIR type of the value: code, string, uri, Coding, CodeableConcept, Quantity (or Age, Count, Distance, Duration, SimpleQuantity). */
  type: string;
  /** ElementDefinition.binding; absent for unbound elements (code-system checks still run). */
  binding?: Binding;
  /** `expression` is the element's FHIRPath, e.g. `Observation.code`. */
  location: Location;
  profile?: string;
  elementId?: string;
  tx: TerminologyService;
  /**
   * Report code-system findings (unknown code, display mismatch); default true. Pass false for a Coding whose
   * enclosing CodeableConcept is checked too (a sliced `coding` with its own binding), so they are reported once.
   */
  checkCodes?: boolean;
}

/** Types whose value is the code itself (no system; the system is inferred from the value set). */
const CODE_TYPES = new Set(['code', 'string', 'uri', 'url', 'canonical']);
export const QUANTITY_TYPES = new Set(['Quantity', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);
/** Strengths whose value set is consulted; `example` bindings are documentation only. */
const CHECKED_STRENGTHS = new Set(['required', 'extensible', 'preferred']);
/** Strengths whose undecidable result is reported (and counted) as not verified. */
const REPORTED_UNVERIFIED = new Set(['required', 'extensible']);

interface CodedItem {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
  /** Path of the coding (or of the value for code types): the value's path, plus `.coding[i]` when `coding` >= 0. */
  parent: string;
  coding: number;
  /** Code types: a code issue points at the value itself, not at `<coding>.code`. */
  bare: boolean;
  quantity: boolean;
}

/** Path of the coding (or of the value for code types); built only when an issue needs it. */
function itemExpression(i: CodedItem): string {
  return i.coding >= 0 ? `${i.parent}.coding[${i.coding}]` : i.parent;
}

function codeExpression(i: CodedItem): string {
  return i.bare ? i.parent : `${itemExpression(i)}.code`;
}

/** Returns the terminology Issues for one value; never throws for bad data. */
export async function checkBinding(input: CheckBindingInput): Promise<Issue[]> {
  const plan = planBinding(input);
  if (!plan) return [];
  const results = await Promise.all(plan.questions.map((q) => input.tx.validateCode(q)));
  return judgeBinding(input, plan, results);
}

/**
 * The same judgement without awaiting, for walkers that run synchronously over local content only
 * (`LocalTerminology.validateCodeSync`). Remote checks need checkBinding.
 */
export function checkBindingSync(input: Omit<CheckBindingInput, 'tx'> & { tx: { validateCodeSync(request: ValidateCodeRequest): CodeCheck } }): Issue[] {
  const plan = planBinding(input);
  if (!plan) return [];
  return judgeBinding(input, plan, plan.questions.map((q) => input.tx.validateCodeSync(q)));
}

interface BindingPlan {
  items: CodedItem[];
  /** Items with a code that can be asked about (a system, or a value set to infer it from). */
  askable: CodedItem[];
  questions: ValidateCodeRequest[];
  valueSet?: string;
}

function planBinding(input: Omit<CheckBindingInput, 'tx'>): BindingPlan | undefined {
  const items = codedItems(input.value, input.type, input.location.expression ?? '');
  if (!items) return undefined;
  const binding = input.binding;
  const valueSet = binding?.valueSet && CHECKED_STRENGTHS.has(binding.strength) ? binding.valueSet : undefined;
  // A code without a system can only be judged against a value set.
  const askable: CodedItem[] = [];
  const questions: ValidateCodeRequest[] = [];
  for (const i of items) {
    if (typeof i.code !== 'string' || i.code.length === 0 || (i.system === undefined && valueSet === undefined)) continue;
    askable.push(i);
    const q: ValidateCodeRequest = { code: i.code };
    if (i.system !== undefined) q.system = i.system;
    if (i.version !== undefined) q.version = i.version;
    if (i.display !== undefined && !i.quantity) q.display = i.display;
    if (valueSet) q.valueSet = valueSet;
    questions.push(q);
  }
  return valueSet ? { items, askable, questions, valueSet } : { items, askable, questions };
}

function judgeBinding(input: Omit<CheckBindingInput, 'tx'>, plan: BindingPlan, results: CodeCheck[]): Issue[] {
  const { binding } = input;
  const { askable, valueSet } = plan;
  const issues: Issue[] = [];
  // The common case first: every answer valid, with no display mismatch, decides without building any issue.
  let anyValid = false;
  let clean = true;
  for (let n = 0; n < results.length; n++) {
    const r = results[n]!;
    if (r.outcome === 'valid') anyValid = true;
    if (r.reason === 'unknown-code' || r.displayMismatch || r.inactive) clean = false;
  }
  if (clean && anyValid && valueSet && binding) return issues;
  if (clean && (!valueSet || !binding) && askable.length === results.length) return issues;

  const expr = input.location.expression ?? '';
  const extra = { ...(input.profile ? { profile: input.profile } : {}), ...(input.elementId ? { elementId: input.elementId } : {}) };
  const at = (expression: string): Location => ({ ...input.location, expression });
  askable.forEach((item, n) => {
    const r = results[n]!;
    if (input.checkCodes === false) return;
    const system = item.system ?? r.system ?? '';
    // UCUM units of a Quantity are reported by terminology/ucum-unit, which the walker runs on every Quantity.
    if (r.reason === 'unknown-code' && item.system !== undefined && !(item.quantity && item.system === UCUM_SYSTEM)) {
      issues.push(unknownCode.issue({ messageId: 'unknownCode', data: { code: item.code!, system, detail: r.message ?? '' }, location: at(codeExpression(item)), ...extra }));
    }
    if (r.inactive && !item.quantity) {
      const data = { code: item.code!, system, status: r.inactive };
      issues.push(r.inactive === 'deprecated'
        ? inactiveCode.issue({ messageId: 'deprecated', data, location: at(codeExpression(item)), ...extra })
        : inactiveCode.issue({ messageId: 'inactive', data, location: at(codeExpression(item)), ...extra }));
    }
    if (r.displayMismatch && item.display !== undefined) {
      issues.push(
        displayMismatch.issue({
          messageId: 'displayMismatch',
          data: { display: item.display, system, code: item.code!, expected: r.display ?? '' },
          location: at(`${itemExpression(item)}.display`),
          ...extra,
        }),
      );
    }
  });

  if (!valueSet || !binding) return issues;
  const strength = binding.strength;
  const labels = plan.items.filter((i) => typeof i.code === 'string' && i.code.length > 0).map(label).join(', ');
  if (askable.length === 0) {
    if (strength === 'required') issues.push(bindingRequired.issue({ messageId: 'noCode', data: { valueSet }, location: at(expr), ...extra }));
    return issues;
  }
  if (anyValid) return issues;
  const pending = results.find((r) => r.outcome === 'not-verified');
  if (pending) {
    if (REPORTED_UNVERIFIED.has(strength)) {
      const reason = pending.reason ?? 'no-server';
      issues.push(
        bindingNotVerified.issue({
          messageId: 'notVerified',
          data: { code: labels, valueSet, strength, reason, reasonText: `${REASON_TEXT[reason]}${pending.message && pending.message !== REASON_TEXT[reason] ? ` (${pending.message})` : ''}` },
          location: at(expr),
          // A failing server is worth a warning (degraded mode); anything else is information.
          ...(reason === 'server-error' ? { severity: 'warning' as const } : {}),
          ...extra,
        }),
      );
    }
    return issues;
  }
  const rule = strength === 'required' ? bindingRequired : strength === 'extensible' ? bindingExtensible : bindingPreferred;
  const many = input.type === 'CodeableConcept';
  issues.push(
    rule.issue({
      messageId: many ? 'noValidCoding' : 'notInValueSet',
      data: many ? { codes: labels, valueSet } : { code: labels, valueSet },
      location: at(expr),
      ...extra,
    }),
  );
  return issues;
}

/**
 * A key for everything the judgement reads from a Coding, CodeableConcept or Quantity value (system, version, code,
 * display of each coding, in order), so equal keys give equal findings; undefined for other shapes. Kept beside
 * codedItems, which it must mirror.
 */
export function codedValueKey(value: unknown, type: string): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (type === 'Coding' || QUANTITY_TYPES.has(type)) return codingKey(v);
  if (type !== 'CodeableConcept') return undefined;
  if (!Array.isArray(v.coding)) return v.coding === undefined ? '' : undefined;
  let key = '';
  for (const c of v.coding as unknown[]) key += `${c && typeof c === 'object' ? codingKey(c as Record<string, unknown>) : '\u0003'}\u0002`;
  return key;
}

function codingKey(c: Record<string, unknown>): string {
  return `${keyPart(c.system)}\u0001${keyPart(c.version)}\u0001${keyPart(c.code)}\u0001${keyPart(c.display)}`;
}

/** codedItems reads only string fields: anything else counts as absent. */
function keyPart(v: unknown): string {
  return typeof v === 'string' ? v : '\u0004';
}

/** The codings a value carries, or undefined for types that are not coded. */
function codedItems(value: unknown, type: string, expr: string): CodedItem[] | undefined {
  if (CODE_TYPES.has(type)) {
    return typeof value === 'string' ? [{ code: value, parent: expr, coding: -1, bare: true, quantity: false }] : [];
  }
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (type === 'Coding') return [coding(v, expr, -1, false)];
  if (QUANTITY_TYPES.has(type)) return [coding(v, expr, -1, true)];
  if (type === 'CodeableConcept') {
    const list = Array.isArray(v.coding) ? v.coding : [];
    const out: CodedItem[] = [];
    for (let i = 0; i < list.length; i++) {
      const c: unknown = list[i];
      if (c && typeof c === 'object') out.push(coding(c as Record<string, unknown>, expr, i, false));
    }
    return out;
  }
  return undefined;
}

function coding(c: Record<string, unknown>, parent: string, index: number, quantity: boolean): CodedItem {
  const item: CodedItem = { parent, coding: index, bare: false, quantity };
  if (typeof c.system === 'string') item.system = c.system;
  if (typeof c.version === 'string') item.version = c.version;
  if (typeof c.code === 'string') item.code = c.code;
  if (typeof c.display === 'string') item.display = c.display;
  return item;
}

function label(i: CodedItem): string {
  return i.system ? `${i.system}#${i.code}` : `'${i.code}'`;
}
