// Applies one differential ElementDefinition onto the element it constrains (the base copy in the working tree).
// Rules: https://hl7.org/fhir/R4/profiling.html#constraining and https://hl7.org/fhir/R4/elementdefinition.html
// (which properties a profile may change, how constraints/mappings accumulate, how bindings are narrowed).
import type { Severity } from '../model/issue.js';
import type { Rule } from '../rules/define-rule.js';
import { snapshotRules } from './snapshot-rules.js';
import {
  deepEqual, effectiveCode, FHIR_SD_BASE, hasBindableType, typeOfValueKey, typeUrl, valueKeys,
} from './type-utils.js';
import type { SnapNode } from './work-tree.js';

export type Reporter = <M extends string>(rule: Rule<M>, messageId: M, data: Record<string, string | number>, severity?: Severity) => void;

export interface MergeEnv {
  resolve(canonical: string): Record<string, any> | undefined;
  /** The element a type profile names (the profile's root, or `url#slice`). */
  profileElement(profile: string): SnapNode | undefined;
  report: Reporter;
  /** Canonical of the profile being generated: the `source` of the constraints it adds. */
  profileUrl: string;
  /** Id of the element being constrained, for messages. */
  elementId: string;
}

export interface MergeInfo {
  isSlice: boolean;
  /** `extension`/`modifierExtension` elements and the root of an Extension definition may change isModifier. */
  isExtension: boolean;
}

/** Choice-valued properties: a differential value replaces any value of the same property, whatever its type. */
const CHOICE_PREFIXES = ['fixed', 'pattern', 'defaultValue', 'minValue', 'maxValue'];
const DOC_APPENDABLE = new Set(['short', 'definition', 'comment', 'requirements', 'label']);
const IGNORED = new Set(['id', 'path', 'sliceName', 'base', 'contentReference']);

export function mergeElement(node: SnapNode, d: Record<string, any>, env: MergeEnv, info: MergeInfo): void {
  const el = node.el;
  const before = { min: el.min, max: el.max };
  const { report, elementId: id } = env;

  takeProfileDefinition(el, d, env);

  for (const [key, value] of Object.entries(d)) {
    if (IGNORED.has(key) || value === undefined || value === null) continue;
    const choicePrefix = CHOICE_PREFIXES.find((p) => key.startsWith(p) && key.length > p.length && /[A-Z]/.test(key.charAt(p.length)));
    if (choicePrefix) {
      for (const k of valueKeys(el, choicePrefix)) {
        delete el[k];
        delete el[`_${k}`];
      }
      el[key] = structuredClone(value);
      continue;
    }
    switch (key) {
      case 'min':
        el.min = typeof value === 'number' ? value : Number(value);
        break;
      case 'max':
        el.max = String(value);
        break;
      case 'type':
        mergeTypes(el, value, env);
        break;
      case 'binding':
        mergeBinding(el, value, env);
        break;
      case 'constraint':
        mergeConstraints(el, value, env.profileUrl);
        break;
      case 'slicing':
        mergeSlicing(el, value, env);
        break;
      case 'alias':
      case 'condition':
        el[key] = unionBy(el[key], value, (a, b) => a === b);
        break;
      case 'code':
        el.code = unionBy<any>(el.code, value, (a, b) => a?.system === b?.system && a?.code === b?.code);
        break;
      case 'example':
        el.example = unionBy(el.example, value, deepEqual);
        break;
      case 'mapping':
        el.mapping = unionBy<any>(el.mapping, value, (a, b) => a?.identity === b?.identity && a?.map === b?.map);
        break;
      case 'extension':
      case 'modifierExtension':
        el[key] = mergeExtensions(el[key], value);
        break;
      case 'isModifier':
        if (info.isExtension) el.isModifier = value;
        else if (value !== (el.isModifier ?? false)) {
          report(snapshotRules.unchangeable, 'isModifier', { id, base: String(el.isModifier ?? false), derived: String(value) });
        }
        break;
      case 'mustSupport':
        if (el.mustSupport === true && value === false) report(snapshotRules.unchangeable, 'mustSupport', { id });
        else el.mustSupport = value;
        break;
      case 'isSummary':
        if (el.isSummary !== undefined && el.isSummary !== value) {
          report(snapshotRules.unchangeable, 'isSummary', { id, base: String(el.isSummary), derived: String(value) });
        } else el.isSummary = value;
        break;
      default:
        if (DOC_APPENDABLE.has(key) && typeof value === 'string' && value.startsWith('...') && typeof el[key] === 'string') {
          el[key] = `${el[key]}\r\n${value.slice(3)}`;
        } else {
          el[key] = structuredClone(value);
        }
    }
  }

  if (d.type && el.binding && !hasBindableType(el)) delete el.binding;
  checkValueTypes(el, d, report, id);
  checkCardinality(el, d, before, info, report, id);
}

/**
 * An element the differential types with one profiled type (an extension slice `Extension(url)`, a SimpleQuantity)
 * takes that profile's documentation and root invariants, as HL7's generator does; the differential's own text wins.
 * With several profiles (`Quantity(SimpleQuantity | MoneyQuantity)`) the value need only conform to one of them, so
 * no profile's invariants become the element's own: each is checked when the value is checked against its profiles.
 */
function takeProfileDefinition(el: Record<string, any>, d: Record<string, any>, env: MergeEnv): void {
  const types = Array.isArray(d.type) ? d.type : [];
  const t = types.length === 1 ? types[0] : undefined;
  const profile = t && t.code !== 'Reference' && Array.isArray(t.profile) && t.profile.length === 1 ? t.profile[0] : undefined;
  if (typeof profile !== 'string') return;
  const target = env.profileElement(profile);
  if (!target) return;
  const root = target.el;
  const sourceUrl = profile.split('#')[0]!;
  if (Array.isArray(root.constraint)) {
    const list: any[] = Array.isArray(el.constraint) ? el.constraint : [];
    for (const c of root.constraint) {
      if (list.some((x) => x?.key === c?.key)) continue;
      const copy = structuredClone(c);
      if (!copy.source) copy.source = sourceUrl;
      list.push(copy);
    }
    el.constraint = list;
  }
  for (const k of ['short', 'definition', 'comment', 'requirements']) {
    if (root[k] !== undefined) el[k] = root[k];
  }
  if (root.alias) el.alias = structuredClone(root.alias);
  else delete el.alias;
  if (root.mapping) el.mapping = structuredClone(root.mapping);
  else delete el.mapping;
}

function mergeTypes(el: Record<string, any>, derived: any[], env: MergeEnv): void {
  if (!Array.isArray(derived)) return;
  const baseTypes: any[] = Array.isArray(el.type) ? el.type : [];
  if (baseTypes.length > 0) {
    for (const t of derived) {
      const code = effectiveCode(t);
      if (!typeAllowed(code, baseTypes, env)) {
        env.report(snapshotRules.typeNotAllowed, 'type', {
          id: env.elementId, type: code, allowed: baseTypes.map(effectiveCode).join(', '),
        });
        continue;
      }
      checkTargets(t, code, baseTypes, env);
    }
  }
  el.type = structuredClone(derived);
}

function typeAllowed(code: string, baseTypes: any[], env: MergeEnv): boolean {
  for (const b of baseTypes) {
    const bc = effectiveCode(b);
    if (bc === code || bc === '*' || bc === 'Element') return true;
    if ((bc === 'Resource' || bc === 'DomainResource') && env.resolve(typeUrl(code))?.kind === 'resource') return true;
  }
  return false;
}

/** A narrowed Reference/canonical may only target what the base allows, or profiles of those types. */
function checkTargets(t: Record<string, any>, code: string, baseTypes: any[], env: MergeEnv): void {
  const targets: string[] = Array.isArray(t.targetProfile) ? t.targetProfile : [];
  if (targets.length === 0) return;
  const allowed = baseTypes.filter((b) => effectiveCode(b) === code).flatMap((b) => (Array.isArray(b.targetProfile) ? b.targetProfile : []));
  const plain = allowed.map(stripVersion);
  if (plain.length === 0 || plain.includes(`${FHIR_SD_BASE}Resource`)) return;
  const allowedTypes = new Set(plain.map((a) => (a.startsWith(FHIR_SD_BASE) ? a.slice(FHIR_SD_BASE.length) : env.resolve(a)?.type)).filter(Boolean));
  for (const target of targets) {
    const url = stripVersion(target);
    if (plain.includes(url)) continue;
    const sd = env.resolve(url);
    if (!sd) continue; // cannot be judged without the definition; the validator reports unknown profiles itself
    if (allowedTypes.has(sd.type)) continue;
    env.report(snapshotRules.typeNotAllowed, 'targetProfile', { id: env.elementId, target, allowed: allowed.join(', ') });
  }
}

function stripVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar === -1 ? canonical : canonical.slice(0, bar);
}

/**
 * A differential binding replaces the base binding, except that what it leaves out (typically the value set, when
 * only the strength is tightened) is kept from the base. Weakening a required binding is an error.
 */
function mergeBinding(el: Record<string, any>, derived: Record<string, any>, env: MergeEnv): void {
  const base = el.binding;
  const nb = structuredClone(derived);
  if (base) {
    for (const k of ['strength', 'valueSet', 'description']) {
      if (nb[k] === undefined && base[k] !== undefined) nb[k] = base[k];
    }
    if (Array.isArray(base.extension)) nb.extension = mergeExtensions(structuredClone(base.extension), nb.extension ?? []);
    if (base.strength === 'required' && nb.strength !== 'required') {
      env.report(snapshotRules.binding, 'weakened', { id: env.elementId, strength: String(nb.strength) });
    }
  }
  el.binding = nb;
}

/** Constraints accumulate; new ones carry the profile as `source`. A restated key replaces the inherited one. */
function mergeConstraints(el: Record<string, any>, derived: any[], profileUrl: string): void {
  if (!Array.isArray(derived)) return;
  const list: any[] = Array.isArray(el.constraint) ? el.constraint : [];
  for (const c of derived) {
    const copy = structuredClone(c);
    const at = list.findIndex((x) => x?.key === copy.key);
    if (at !== -1 && list[at].expression === copy.expression) continue;
    if (!copy.source) copy.source = profileUrl;
    if (at !== -1) list[at] = copy;
    else list.push(copy);
  }
  el.constraint = list;
}

const RULE_RANK: Record<string, number> = { closed: 0, openAtEnd: 1, open: 2 };

function mergeSlicing(el: Record<string, any>, derived: Record<string, any>, env: MergeEnv): void {
  const base = el.slicing;
  if (!base) {
    el.slicing = structuredClone(derived);
    return;
  }
  const merged = structuredClone(base);
  const dd: any[] = Array.isArray(derived.discriminator) ? derived.discriminator : [];
  const bd: any[] = Array.isArray(base.discriminator) ? base.discriminator : [];
  if (dd.length > 0 && bd.length > 0 && !discriminatorsEqual(dd, bd)) {
    const show = (l: any[]): string => l.map((x) => `${x.type}:${x.path}`).join(',');
    env.report(snapshotRules.slicing, 'discriminatorChanged', { id: env.elementId, base: show(bd), derived: show(dd) });
  }
  const list = [...bd];
  for (const x of dd) if (!list.some((y) => y.type === x.type && y.path === x.path)) list.push(structuredClone(x));
  if (list.length > 0) merged.discriminator = list;
  if (derived.ordered !== undefined) merged.ordered = derived.ordered;
  if (derived.description !== undefined) merged.description = derived.description;
  if (derived.rules !== undefined) {
    if (base.rules && (RULE_RANK[derived.rules] ?? 2) > (RULE_RANK[base.rules] ?? 2)) {
      env.report(snapshotRules.slicing, 'rulesLoosened', { id: env.elementId, base: base.rules, derived: derived.rules });
    } else merged.rules = derived.rules;
  }
  el.slicing = merged;
}

function discriminatorsEqual(a: any[], b: any[]): boolean {
  return a.length === b.length && a.every((x, i) => x.type === b[i].type && x.path === b[i].path);
}

function unionBy<T>(base: T[] | undefined, derived: T[] | undefined, same: (a: T, b: T) => boolean): T[] {
  const out = Array.isArray(base) ? [...base] : [];
  for (const v of Array.isArray(derived) ? derived : []) if (!out.some((x) => same(x, v))) out.push(structuredClone(v));
  return out;
}

/** Differential extensions on an element replace base extensions with the same url. */
function mergeExtensions(base: any[] | undefined, derived: any[] | undefined): any[] {
  const d = Array.isArray(derived) ? derived : [];
  const urls = new Set(d.map((e) => e?.url));
  return [...(Array.isArray(base) ? base.filter((e) => !urls.has(e?.url)) : []), ...d.map((e) => structuredClone(e))];
}

/** fixed[x]/pattern[x] must be of one of the element's types. */
function checkValueTypes(el: Record<string, any>, d: Record<string, any>, report: Reporter, id: string): void {
  const codes = (Array.isArray(el.type) ? el.type : []).map(effectiveCode);
  if (codes.length === 0 || codes.includes('*')) return;
  for (const prefix of ['fixed', 'pattern']) {
    for (const key of valueKeys(d, prefix)) {
      const code = typeOfValueKey(key, prefix);
      if (!codes.includes(code)) report(snapshotRules.typeNotAllowed, 'fixedType', { id, property: key, allowed: codes.join(', ') });
    }
  }
}

function checkCardinality(
  el: Record<string, any>, d: Record<string, any>, before: { min: unknown; max: unknown }, info: MergeInfo, report: Reporter, id: string,
): void {
  const min = typeof el.min === 'number' ? el.min : Number(el.min ?? 0);
  const max = el.max === undefined || el.max === '*' ? Infinity : Number(el.max);
  if (min > max) report(snapshotRules.cardinality, 'minAboveMax', { id, min, max: String(el.max) });
  if (d.min !== undefined && !info.isSlice && typeof before.min === 'number' && min < before.min) {
    report(snapshotRules.cardinality, 'minBelowBase', { id, min, baseMin: before.min });
  }
  if (d.max !== undefined && before.max !== undefined && before.max !== '*' && (el.max === '*' || Number(el.max) > Number(before.max))) {
    report(snapshotRules.cardinality, 'maxAboveBase', { id, max: String(el.max), baseMax: String(before.max) });
  }
}
