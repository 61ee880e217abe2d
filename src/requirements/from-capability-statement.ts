// Derives a test plan from any requirements CapabilityStatement, reading the expectation extensions generically.
import type { Issue } from '../model/issue.js';
import type { Expectation } from '../model/result.js';
import { requirementsStatementRule as rule } from './statement-rule.js';
import type { PlanCombination, PlanResource, RequirementsPlan } from './types.js';

/** https://hl7.org/fhir/R4/extension-capabilitystatement-expectation.html */
export const EXPECTATION_URL = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation';
/** https://hl7.org/fhir/R4/extension-capabilitystatement-search-parameter-combination.html */
export const COMBINATION_URL = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination';

const EXPECTATIONS: readonly Expectation[] = ['SHALL', 'SHOULD', 'MAY', 'SHOULD-NOT'];

type Json = Record<string, unknown>;

export interface PlanParseResult {
  plan?: RequirementsPlan;
  issues: Issue[];
}

export interface PlanParseOptions {
  /** Display name of the input for issue locations (file path or canonical). */
  source: string;
  /** Requirement-id prefix; default from `planIdFor()`. */
  id?: string;
}

/** Known canonical → short plan id, so the built-in ids stay readable; other statements get a kebab-case id. */
const KNOWN_PLAN_IDS: Record<string, string> = {
  'https://fhir.hl7.org.uk/uk-core-access/CapabilityStatement/UKCoreAccessClinicalDataProvider': 'ukcore-access-cdp',
  'https://fhir.hl7.org.uk/uk-core-access/CapabilityStatement/UKCoreAccessPatientIndexProvider': 'ukcore-access-pip',
};

/** Stable requirement-id prefix for a statement: a known short id, else its `id` (or `name`) in kebab-case. */
export function planIdFor(cs: { url?: unknown; id?: unknown; name?: unknown }): string {
  if (typeof cs.url === 'string' && KNOWN_PLAN_IDS[cs.url]) return KNOWN_PLAN_IDS[cs.url];
  const raw = typeof cs.id === 'string' ? cs.id : typeof cs.name === 'string' ? cs.name : 'requirements';
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** Reads the expectation extension of an element; unknown codes become an issue and are dropped. */
function expectationOf(el: Json, expression: string, source: string, issues: Issue[]): Expectation | undefined {
  const ext = list(el.extension).find((e) => e.url === EXPECTATION_URL);
  if (!ext) return undefined;
  const value = ext.valueCode;
  if (typeof value === 'string' && (EXPECTATIONS as readonly string[]).includes(value)) return value as Expectation;
  issues.push(rule.issue({ messageId: 'unknownExpectation', data: { value: String(value) }, location: { source, expression } }));
  return undefined;
}

function combinationsOf(res: Json, expression: string, source: string, issues: Issue[]): PlanCombination[] {
  const out: PlanCombination[] = [];
  list(res.extension).forEach((ext, i) => {
    if (ext.url !== COMBINATION_URL) return;
    const where = `${expression}.extension[${i}]`;
    const parts = list(ext.extension);
    const names = (kind: string) =>
      parts.filter((p) => p.url === kind && typeof p.valueString === 'string').map((p) => p.valueString as string);
    const required = names('required');
    if (required.length === 0) {
      issues.push(rule.issue({ messageId: 'emptyCombination', location: { source, expression: where } }));
      return;
    }
    const combination: PlanCombination = { required, optional: names('optional') };
    const expectation = expectationOf(ext, where, source, issues);
    if (expectation) combination.expectation = expectation;
    out.push(combination);
  });
  return out;
}

function resourceOf(res: Json, expression: string, source: string, issues: Issue[]): PlanResource | undefined {
  if (typeof res.type !== 'string') {
    issues.push(rule.issue({ messageId: 'missingType', location: { source, expression } }));
    return undefined;
  }
  const out: PlanResource = { type: res.type, interactions: [], searchParams: [], combinations: [] };
  const expectation = expectationOf(res, expression, source, issues);
  if (expectation) out.expectation = expectation;
  if (typeof res.profile === 'string') out.profile = res.profile;
  list(res.interaction).forEach((it, i) => {
    if (typeof it.code !== 'string') return;
    const e = expectationOf(it, `${expression}.interaction[${i}]`, source, issues);
    out.interactions.push(e ? { code: it.code, expectation: e } : { code: it.code });
  });
  list(res.searchParam).forEach((sp, i) => {
    if (typeof sp.name !== 'string') return;
    const param: PlanResource['searchParams'][number] = { name: sp.name, type: typeof sp.type === 'string' ? sp.type : 'special' };
    const e = expectationOf(sp, `${expression}.searchParam[${i}]`, source, issues);
    if (e) param.expectation = e;
    if (typeof sp.definition === 'string') param.definition = sp.definition;
    out.searchParams.push(param);
  });
  out.combinations = combinationsOf(res, expression, source, issues);
  return out;
}

/** Turns one requirements CapabilityStatement (parsed JSON) into a plan, with issues for what it could not read. */
export function planFromCapabilityStatement(cs: unknown, options: PlanParseOptions): PlanParseResult {
  const { source } = options;
  const issues: Issue[] = [];
  if (!isObject(cs) || cs.resourceType !== 'CapabilityStatement') {
    const found = isObject(cs) && typeof cs.resourceType === 'string' ? cs.resourceType : typeof cs;
    issues.push(rule.issue({ messageId: 'notCapabilityStatement', data: { found }, location: { source } }));
    return { issues };
  }
  if (cs.kind !== 'requirements') {
    issues.push(rule.issue({
      messageId: 'notRequirements', data: { kind: String(cs.kind ?? '') },
      location: { source, expression: 'CapabilityStatement.kind' },
    }));
    return { issues };
  }
  const restIndex = list(cs.rest).findIndex((r) => r.mode === 'server');
  if (restIndex < 0) {
    issues.push(rule.issue({ messageId: 'noServerRest', location: { source, expression: 'CapabilityStatement.rest' } }));
    return { issues };
  }
  const rest = list(cs.rest)[restIndex];
  const resources: PlanResource[] = [];
  list(rest.resource).forEach((res, i) => {
    const r = resourceOf(res, `CapabilityStatement.rest[${restIndex}].resource[${i}]`, source, issues);
    if (r) resources.push(r);
  });
  const plan: RequirementsPlan = {
    id: options.id ?? planIdFor(cs),
    url: typeof cs.url === 'string' ? cs.url : source,
    title: typeof cs.title === 'string' ? cs.title : typeof cs.name === 'string' ? cs.name : planIdFor(cs),
    formats: Array.isArray(cs.format) ? cs.format.filter((f): f is string => typeof f === 'string') : [],
    resources,
  };
  if (typeof cs.fhirVersion === 'string') plan.fhirVersion = cs.fhirVersion;
  return { plan, issues };
}
