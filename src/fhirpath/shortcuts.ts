// Exact shortcuts for invariants: conditions read from an expression's text (guards, simple `or` chains) and deciders
// keyed by exact R4 expressions, which answer from the JSON where the verdict is certain and defer to fhirpath.js
// otherwise. test/fhirpath/shortcuts.test.ts holds each to the engine's answer.

/**
 * A condition under which an invariant holds without evaluating it, read from the expression's text:
 * `x.empty() or …` and `x.hasValue().not() or …` hold when `x` is absent (when `or` is the top-level operator and
 * no `implies` follows), `x.exists() implies …` holds when `x` is absent (a single top-level `implies`). FHIRPath
 * precedence (https://hl7.org/fhirpath/N1/#operator-precedence) makes these exact, and they spare the engine most
 * datatype invariants (Timing, Period, Quantity, ...), which dominate validation time otherwise.
 */
export interface Guard {
  name: string;
  /** `value`: only the value counts (hasValue); `any`: value or extensions. */
  kind: 'any' | 'value';
}

export function guardOf(expression: string): Guard | undefined {
  const m = /^(\w+)\.(empty\(\) or |hasValue\(\)\.not\(\) or |exists\(\) implies )/.exec(expression);
  if (!m) return undefined;
  const ops = topLevelOperators(expression);
  const implies = ops.filter((o) => o === 'implies').length;
  if (m[2]!.endsWith('implies ')) return implies === 1 ? { name: m[1]!, kind: 'any' } : undefined;
  if (implies > 0 || ops.includes('xor')) return undefined;
  return { name: m[1]!, kind: m[2]!.startsWith('hasValue') ? 'value' : 'any' };
}

/** Boolean operators outside parentheses, brackets and string literals. */
function topLevelOperators(expr: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === "'" || c === '`') {
      const end = expr.indexOf(c, i + 1);
      i = end === -1 ? expr.length : end;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === ' ') {
      const word = /^(implies|xor|or|and) /.exec(expr.slice(i + 1));
      if (word) out.push(word[1]!);
    }
  }
  return out;
}

/** The element is absent from a JSON object (no value, no `_name`, and no choice variant `nameX`). */
export function absent(node: unknown, guard: Guard): boolean {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return false;
  const o = node as Record<string, unknown>;
  const name = guard.name;
  if (o[name] !== undefined && o[name] !== null) return false;
  if (guard.kind === 'value') return true;
  for (const k in o) {
    if (k === `_${name}`) return false;
    if (k.length > name.length && k.startsWith(name)) {
      const next = k.charCodeAt(name.length);
      if (next >= 65 && next <= 90) return false; // a choice variant such as valueQuantity
    }
  }
  return true;
}

export type SimpleTerm = { name: string; test: 'exists' | 'empty' | 'hasValue' | 'noValue' };

/**
 * An expression that is only `or` of simple existence tests (`low.exists() or high.exists() or text.exists()`,
 * `period.empty() or periodUnit.exists()`) is decided from the JSON directly; anything else returns undefined.
 */
export function simpleOrChain(expression: string): SimpleTerm[] | undefined {
  const parts = expression.split(' or ');
  const terms: SimpleTerm[] = [];
  for (const p of parts) {
    const m = /^\s*(\w+)\.(exists\(\)|empty\(\)|hasValue\(\)|hasValue\(\)\.not\(\))\s*$/.exec(p);
    if (!m) return undefined;
    const t = m[2]!;
    terms.push({ name: m[1]!, test: t === 'exists()' ? 'exists' : t === 'empty()' ? 'empty' : t === 'hasValue()' ? 'hasValue' : 'noValue' });
  }
  return terms;
}

export function termHolds(node: Record<string, unknown>, t: SimpleTerm): boolean {
  const v = node[t.name];
  const hasValue = v !== undefined && v !== null && typeof v !== 'object';
  switch (t.test) {
    case 'hasValue':
      return hasValue;
    case 'noValue':
      return !hasValue;
    case 'exists':
      return !absent(node, { name: t.name, kind: 'any' });
    case 'empty':
      return absent(node, { name: t.name, kind: 'any' });
  }
}

/**
 * Invariants decided from the JSON for the shapes where the answer is certain, keyed by their exact R4 expression:
 * true or false when fhirpath.js would give that verdict (and no error) for this node, undefined to let the engine
 * decide (unusual shapes, `_name` companions, values the engine may not parse). These run on most resources and
 * datatypes (Period, Duration, Timing, Ratio, Observation, Condition, AllergyIntolerance, Organization), and
 * test/fhirpath/shortcuts.test.ts compares every one with fhirpath.js on the R4 examples and hand-made cases.
 */
type Decider = (node: Record<string, unknown>) => boolean | undefined;

const UCUM = 'http://unitsofmeasure.org';
const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const DATE_TIME = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?(Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;

/**
 * A dateTime value fhirpath.js parses, as a form (precision, fraction digits, zone) and a key that orders values of
 * the same form chronologically; undefined for anything else (e.g. 31 February, which the engine rejects).
 */
function dateForm(v: string): { form: string; key: string } | undefined {
  let m = DATE.exec(v);
  if (m) return validDay(m) ? { form: `d${v.length}`, key: v } : undefined;
  m = DATE_TIME.exec(v);
  if (!m || !validDay(m)) return undefined;
  const zone = m[5]!;
  return { form: `t${m[4]?.length ?? 0}${zone}`, key: v.slice(0, v.length - zone.length) };
}

function validDay(m: RegExpExecArray): boolean {
  if (m[3] === undefined) return true;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return Number(m[3]) <= days;
}

function plain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A complex child present as a non-empty object: true; absent: false; any other shape: undefined. */
function complexPresent(o: Record<string, unknown>, name: string): boolean | undefined {
  const v = o[name];
  if (v === undefined && o[`_${name}`] === undefined) return false;
  if (!plain(v) || o[`_${name}`] !== undefined) return undefined;
  for (const _k in v) return true;
  return undefined;
}

/** A repeating complex child: its number of items when every item is a non-empty object; undefined otherwise. */
function complexCount(o: Record<string, unknown>, name: string): number | undefined {
  const v = o[name];
  if (o[`_${name}`] !== undefined) return undefined;
  if (v === undefined) return 0;
  if (!Array.isArray(v)) return undefined;
  for (const item of v) if (complexPresent({ item }, 'item') !== true) return undefined;
  return v.length;
}

/** A primitive child with no `_name` companion: its value, `null` when absent; undefined for any other shape. */
function primitive(o: Record<string, unknown>, name: string, type: 'string' | 'number'): string | number | null | undefined {
  if (o[`_${name}`] !== undefined) return undefined;
  const v = o[name];
  if (v === undefined) return null;
  return typeof v === type ? (v as string | number) : undefined;
}

/** `cc.coding.where(system = S and code in codes).exists()` for a CodeableConcept child; undefined for odd shapes. */
function hasCoding(o: Record<string, unknown>, name: string, system: string, codes: readonly string[]): boolean | undefined {
  const present = complexPresent(o, name);
  if (present !== true) return present;
  const cc = o[name] as Record<string, unknown>;
  const n = complexCount(cc, 'coding');
  if (n === undefined) return undefined;
  let found = false;
  for (const c of (cc.coding ?? []) as Record<string, unknown>[]) {
    const s = primitive(c, 'system', 'string');
    const code = primitive(c, 'code', 'string');
    if (s === undefined || code === undefined) return undefined;
    if (s === system && typeof code === 'string' && codes.includes(code)) found = true;
  }
  return found;
}

/** The codes of a CodeableConcept child's codings when every coding has a plain string code; [] when absent. */
function codes(o: Record<string, unknown>, name: string): string[] | undefined {
  const present = complexPresent(o, name);
  if (present !== true) return present === false ? [] : undefined;
  const cc = o[name] as Record<string, unknown>;
  if (complexCount(cc, 'coding') === undefined) return undefined;
  const out: string[] = [];
  for (const c of (cc.coding ?? []) as Record<string, unknown>[]) {
    const code = primitive(c, 'code', 'string');
    if (typeof code !== 'string') return undefined;
    out.push(code);
  }
  return out;
}

/** Observation.value[x] in R4 (https://hl7.org/fhir/R4/observation-definitions.html#Observation.value_x_). */
const OBSERVATION_VALUE_TYPES = new Set(['Quantity', 'CodeableConcept', 'String', 'Boolean', 'Integer', 'Range', 'Ratio', 'SampledData', 'Time', 'DateTime', 'Period']);

/**
 * A choice element `name[x]` is present (with a value) or absent; undefined when unsure: a `_name` companion, a
 * variant the element does not allow, an empty string or object.
 */
function choicePresent(o: Record<string, unknown>, name: string, types: ReadonlySet<string>): boolean | undefined {
  let found = false;
  for (const k in o) {
    const at = k.charCodeAt(0) === 95 ? 1 : 0;
    if (!k.startsWith(name, at) || k.length === name.length + at) continue;
    const next = k.charCodeAt(name.length + at);
    if (next < 65 || next > 90) continue;
    if (at === 1 || !types.has(k.slice(name.length))) return undefined;
    const v = o[k];
    if (typeof v === 'string' ? v.length === 0 : typeof v === 'object' ? complexPresent(o, k) !== true : typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    found = true;
  }
  return found;
}

/** `name.exists() implies name >= 0` for a decimal child. */
function nonNegative(name: string): Decider {
  return (n) => {
    const v = primitive(n, name, 'number');
    return v === undefined ? undefined : v === null || (v as number) >= 0;
  };
}

/**
 * The clinical/verification status rules: `verdict(entered-in-error coding present, clinicalStatus present)`, when
 * both are plain (a CodeableConcept with codings that have plain system and code).
 */
function statusRule(n: Record<string, unknown>, system: string, verdict: (eie: boolean, clinical: boolean) => boolean | undefined): boolean | undefined {
  const clinical = complexPresent(n, 'clinicalStatus');
  const eie = hasCoding(n, 'verificationStatus', system, ['entered-in-error']);
  return clinical === undefined || eie === undefined ? undefined : verdict(eie, clinical);
}

const AIT_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const CONDITION_VER = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

export const DECIDERS = new Map<string, Decider>(Object.entries({
  // per-1 (Period): ordered when both ends have values of the same form; a possible violation is left to the engine.
  'start.hasValue().not() or end.hasValue().not() or (start <= end)': (n) => {
    const start = primitive(n, 'start', 'string');
    const end = primitive(n, 'end', 'string');
    if (start === undefined || end === undefined) return undefined;
    if (start === null || end === null || start === end) return true;
    const a = dateForm(start as string);
    const b = dateForm(end as string);
    return a && b && a.form === b.form && a.key < b.key ? true : undefined;
  },
  // drt-1 (Duration), mtqy-1 (Distance)
  'code.exists() implies ((system = %ucum) and value.exists())': (n) => {
    const code = primitive(n, 'code', 'string');
    const system = primitive(n, 'system', 'string');
    const value = primitive(n, 'value', 'number');
    if (code === undefined || system === undefined || value === undefined) return undefined;
    if (code === null) return true;
    // `{} and value.exists()` is {} when value exists (the invariant holds) and false otherwise.
    return value !== null && system !== null ? system === UCUM : value !== null;
  },
  // tim-6, tim-7 (Timing.repeat)
  'period.exists() implies period >= 0': nonNegative('period'),
  'duration.exists() implies duration >= 0': nonNegative('duration'),
  // rat-1 (Ratio)
  '(numerator.empty() xor denominator.exists()) and (numerator.exists() or extension.exists())': (n) => {
    const num = complexPresent(n, 'numerator');
    const den = complexPresent(n, 'denominator');
    const ext = complexCount(n, 'extension');
    if (num === undefined || den === undefined || ext === undefined) return undefined;
    return !num !== den && (num || ext > 0);
  },
  // rng-2 (Range): only when an end is missing; comparing quantities is the engine's job.
  'low.empty() or high.empty() or (low <= high)': (n) => {
    const low = complexPresent(n, 'low');
    const high = complexPresent(n, 'high');
    return low !== undefined && high !== undefined && (!low || !high) ? true : undefined;
  },
  // obs-7 (Observation): holds when no component coding can equal one of the Observation's codings (codings that
  // are equal have the same code, so distinct codes decide it); a shared code is left to the engine.
  'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()': (n) => {
    if (n.component === undefined && n._component === undefined) return true;
    if (complexCount(n, 'component') === undefined) return undefined;
    const own = codes(n, 'code');
    if (!own) return undefined;
    for (const c of n.component as Record<string, unknown>[]) {
      const theirs = codes(c, 'code');
      if (!theirs || theirs.some((code) => own.includes(code))) return undefined;
    }
    return true;
  },
  // vs-3 (vital signs profile): a vital sign without components or members has a value or a dataAbsentReason.
  '(component.empty() and hasMember.empty()) implies (dataAbsentReason.exists() or value.exists())': (n) => {
    const components = complexCount(n, 'component');
    const members = complexCount(n, 'hasMember');
    if (components === undefined || members === undefined) return undefined;
    if (components > 0 || members > 0) return true;
    const absentReason = complexPresent(n, 'dataAbsentReason');
    const value = choicePresent(n, 'value', OBSERVATION_VALUE_TYPES);
    return absentReason === undefined || value === undefined ? undefined : absentReason || value;
  },
  // org-1 (Organization)
  '(identifier.count() + name.count()) > 0': (n) => {
    const ids = complexCount(n, 'identifier');
    const name = primitive(n, 'name', 'string');
    if (ids === undefined || name === undefined) return undefined;
    return ids + (name === null ? 0 : 1) > 0;
  },
  // org-2, org-3 (Organization.telecom, Organization.address: one item at a time)
  "where(use = 'home').empty()": (n) => {
    const use = primitive(n, 'use', 'string');
    return use === undefined ? undefined : use !== 'home';
  },
  // ait-1, ait-2 (AllergyIntolerance)
  "verificationStatus.coding.where(system = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification' and code = 'entered-in-error').exists() or clinicalStatus.exists()":
    (n) => statusRule(n, AIT_VERIFICATION, (eie, clinical) => eie || clinical),
  "verificationStatus.coding.where(system = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification' and code = 'entered-in-error').empty() or clinicalStatus.empty()":
    (n) => statusRule(n, AIT_VERIFICATION, (eie, clinical) => !eie || !clinical),
  // con-3, con-4, con-5 (Condition)
  "clinicalStatus.exists() or verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code = 'entered-in-error').exists() or category.select($this='problem-list-item').empty()":
    (n) => (complexCount(n, 'category') === undefined ? undefined : statusRule(n, CONDITION_VER, (eie, clinical) => (eie || clinical ? true : undefined))),
  "abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-clinical' and (code='resolved' or code='remission' or code='inactive')).exists()": (n) => {
    const done = hasCoding(n, 'clinicalStatus', CONDITION_CLINICAL, ['resolved', 'remission', 'inactive']);
    if (done === undefined) return undefined;
    return done || !Object.keys(n).some((k) => k.startsWith('abatement') || k.startsWith('_abatement')) ? true : undefined;
  },
  "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()":
    (n) => statusRule(n, CONDITION_VER, (eie, clinical) => !eie || !clinical),
} satisfies Record<string, Decider>));

/**
 * Invariants written for one variant of a choice element but also evaluated on its primitive variants, where every
 * path they navigate is empty: ras-1 checks the units of a probabilityRange and holds for a probabilityDecimal, whose
 * `low` and `high` do not exist (fhirpath.js fails on a decimal here instead of giving empty).
 * https://hl7.org/fhir/R4/riskassessment.html#invs
 */
export const PRIMITIVE_HOLDS = new Set([
  "(low.empty() or ((low.code = '%') and (low.system = %ucum))) and (high.empty() or ((high.code = '%') and (high.system = %ucum)))",
]);
