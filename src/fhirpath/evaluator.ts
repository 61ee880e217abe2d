// FHIRPath evaluation over the R4 model: each (base path, expression) is compiled once and reused.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
// fhirpath ships CommonJS without types; the surface we use is small and typed here.
const fhirpath = require('fhirpath') as {
  compile(path: string | { base: string; expression: string }, model: unknown, options?: Record<string, unknown>): Compiled;
};
const r4Model = require('fhirpath/fhir-context/r4') as unknown;
// NOTE: fhirpath's package exports hide its ResourceNode type, which resolve() must return for ofType() to work; it is
// loaded by file path beside the engine (the same module instance the engine uses).
const { ResourceNode } = require(path.join(path.dirname(require.resolve('fhirpath')), 'types.js')) as {
  ResourceNode: { makeResNode(ctx: unknown, data: unknown, ...rest: null[]): unknown };
};

/**
 * resolve() without network access: references are resolved by the validator (contained resources, Bundle entries)
 * through the `__resolve` variable of the evaluation; anything else resolves to nothing, as the HL7 validator does
 * offline. https://hl7.org/fhir/R4/fhirpath.html#functions
 */
const userInvocationTable = {
  resolve: {
    // internalStructures: called with the engine context as `this` and ResourceNodes as input.
    internalStructures: true,
    fn(this: { vars: Record<string, unknown> }, coll: unknown[]) {
      const resolver = this.vars.__resolve as ((ref: string) => unknown) | undefined;
      const out: unknown[] = [];
      for (const item of coll ?? []) {
        const data = (item as { data?: unknown })?.data ?? item;
        const ref = typeof data === 'string' ? data : (data as { reference?: unknown })?.reference;
        if (typeof ref !== 'string' || !resolver) continue;
        const target = resolver(ref);
        if (target) out.push(ResourceNode.makeResNode(this, target, null, null, null, null));
      }
      return out;
    },
  },
};

// trace() in R4 invariants (dom-3, ref-1) must not print.
const silentTrace = (): void => undefined;

type Compiled = (data: unknown, vars?: Record<string, unknown>) => unknown[];

export interface EvalContext {
  /** %resource: the resource that contains the node (https://hl7.org/fhir/R4/fhirpath.html#variables). */
  resource: unknown;
  /** %rootResource: the container of a contained resource, else the resource itself. */
  rootResource: unknown;
  /** Resolves a literal reference for resolve() (contained, Bundle); undefined when it cannot be resolved. */
  resolve?: (reference: string) => unknown;
}

export type EvalOutcome = { ok: true; value: unknown[] } | { ok: false; error: string };

/**
 * A condition under which an invariant holds without evaluating it, read from the expression's text:
 * `x.empty() or …` and `x.hasValue().not() or …` hold when `x` is absent (when `or` is the top-level operator and
 * no `implies` follows), `x.exists() implies …` holds when `x` is absent (a single top-level `implies`). FHIRPath
 * precedence (https://hl7.org/fhirpath/N1/#operator-precedence) makes these exact, and they spare the engine most
 * datatype invariants (Timing, Period, Quantity, ...), which dominate validation time otherwise.
 */
interface Guard {
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
function absent(node: unknown, guard: Guard): boolean {
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

type SimpleTerm = { name: string; test: 'exists' | 'empty' | 'hasValue' | 'noValue' };

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

function termHolds(node: Record<string, unknown>, t: SimpleTerm): boolean {
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

export class FhirPathEvaluator {
  private readonly compiled = new Map<string, Compiled | Error>();
  private readonly guards = new Map<string, Guard | null>();
  private readonly chains = new Map<string, SimpleTerm[] | null>();

  constructor(private readonly options: Record<string, unknown> = {}) {}

  /** Compiles `expression` for nodes at element path `base` (omit base for a whole resource). */
  private get(expression: string, base: string | undefined): Compiled | Error {
    const key = `${base ?? ''}\u0000${expression}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      try {
        fn = fhirpath.compile(base ? { base, expression } : expression, r4Model, { traceFn: silentTrace, userInvocationTable, ...this.options });
      } catch (e) {
        fn = e instanceof Error ? e : new Error(String(e));
      }
      this.compiled.set(key, fn);
    }
    return fn;
  }

  evaluate(node: unknown, expression: string, base: string | undefined, ctx: EvalContext): EvalOutcome {
    const fn = this.get(expression, base);
    if (fn instanceof Error) return { ok: false, error: fn.message };
    try {
      return { ok: true, value: fn(node, { resource: ctx.resource, rootResource: ctx.rootResource, __resolve: ctx.resolve }) };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Evaluates an invariant: true when it holds (FHIRPath boolean evaluation of a singleton `true`). */
  holds(node: unknown, expression: string, base: string | undefined, ctx: EvalContext): EvalOutcome & { holds?: boolean } {
    let guard = this.guards.get(expression);
    if (guard === undefined) this.guards.set(expression, (guard = guardOf(expression) ?? null));
    if (guard && absent(node, guard)) return { ok: true, value: [true], holds: true };
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      let chain = this.chains.get(expression);
      if (chain === undefined) this.chains.set(expression, (chain = simpleOrChain(expression) ?? null));
      if (chain) {
        const holds = chain.some((t) => termHolds(node as Record<string, unknown>, t));
        return { ok: true, value: [holds], holds };
      }
    }
    const out = this.evaluate(node, expression, base, ctx);
    if (!out.ok) return out;
    const v = out.value;
    // FHIRPath three-valued logic: an empty result means "unknown", which is not a violation (e.g. ref-1 on a
    // display-only Reference gives `{} or false` = {}). Only an explicit false fails.
    const holds = !(v.length === 1 && v[0] === false);
    return { ...out, holds };
  }
}
