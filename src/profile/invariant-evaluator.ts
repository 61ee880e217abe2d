// FHIRPath evaluation of profile invariants with resolve() over the input: fhirpath.js only resolves references through
// a server (asynchronously), so resolve() is replaced by a synchronous lookup in the Bundle and contained resources.
// https://hl7.org/fhir/R4/fhirpath.html#functions
import { createRequire } from 'node:module';
import path from 'node:path';
import { FhirPathEvaluator, type EvalContext, type EvalOutcome } from '../fhirpath/evaluator.js';

const require = createRequire(import.meta.url);

interface ResNodeFactory {
  makeResNode(ctx: unknown, data: unknown, parent: unknown, path: unknown, x: unknown, type: unknown): unknown;
}

// fhirpath.js types a resource only when it is wrapped in its ResourceNode, which its package exports do not expose;
// the module is loaded by absolute path so it is the very instance fhirpath.js uses.
let resourceNode: ResNodeFactory | undefined;
function resNodeFactory(): ResNodeFactory | undefined {
  if (resourceNode === undefined) {
    try {
      const file = path.join(path.dirname(require.resolve('fhirpath')), 'types.js');
      resourceNode = (require(file) as { ResourceNode: ResNodeFactory }).ResourceNode;
    } catch {
      resourceNode = undefined;
    }
  }
  return resourceNode;
}

/** Looks a Reference up in the input; set per evaluation. */
export type InvariantResolver = (reference: Record<string, unknown>) => Record<string, unknown> | undefined;

export class InvariantEvaluator {
  private current: InvariantResolver | undefined;
  private readonly evaluator: FhirPathEvaluator;

  constructor() {
    const lookup = (ref: Record<string, unknown>) => this.current?.(ref);
    this.evaluator = new FhirPathEvaluator({
      userInvocationTable: {
        resolve: {
          fn(this: unknown, inputs: unknown[]) {
            const factory = resNodeFactory();
            const out: unknown[] = [];
            for (const item of inputs ?? []) {
              const data = (item && typeof item === 'object' && 'data' in item ? (item as { data: unknown }).data : item) as unknown;
              if (!data || typeof data !== 'object') continue;
              const target = lookup(data as Record<string, unknown>);
              if (target) out.push(factory ? factory.makeResNode(this, target, null, null, null, null) : target);
            }
            return out;
          },
        },
      },
    });
  }

  /** Evaluates an invariant on `node` (element path `base`); resolve() uses `resolver`. */
  holds(node: unknown, expression: string, base: string | undefined, ctx: EvalContext, resolver: InvariantResolver): EvalOutcome & { holds?: boolean } {
    const saved = this.current;
    this.current = resolver;
    try {
      return this.evaluator.holds(node, expression, base, ctx);
    } finally {
      this.current = saved;
    }
  }

  evaluate(node: unknown, expression: string, base: string | undefined, ctx: EvalContext, resolver: InvariantResolver): EvalOutcome {
    const saved = this.current;
    this.current = resolver;
    try {
      return this.evaluator.evaluate(node, expression, base, ctx);
    } finally {
      this.current = saved;
    }
  }
}
