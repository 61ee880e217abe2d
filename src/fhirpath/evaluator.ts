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

export class FhirPathEvaluator {
  private readonly compiled = new Map<string, Compiled | Error>();

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
    const out = this.evaluate(node, expression, base, ctx);
    if (!out.ok) return out;
    const v = out.value;
    // FHIRPath three-valued logic: an empty result means "unknown", which is not a violation (e.g. ref-1 on a
    // display-only Reference gives `{} or false` = {}). Only an explicit false fails.
    const holds = !(v.length === 1 && v[0] === false);
    return { ...out, holds };
  }
}
