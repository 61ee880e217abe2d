// FHIRPath evaluation over the R4 model: each (base path, expression) is compiled once and reused, and each
// expression is parsed once per machine (parse trees are cached on disk beside the definitions cache).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cacheDir } from '../util/cache-dir.js';
import { absent, DECIDERS, guardOf, PRIMITIVE_HOLDS, simpleOrChain, termHolds, type Guard, type SimpleTerm } from './shortcuts.js';

const require = createRequire(import.meta.url);
// fhirpath ships CommonJS without types; the surface we use is small and typed here.
const fhirpath = require('fhirpath') as {
  version: string;
  compile(path: string | { base: string; expression: string }, model: unknown, options?: Record<string, unknown>): Compiled;
};
const r4Model = require('fhirpath/fhir-context/r4') as unknown;
// NOTE: fhirpath's package exports hide its ResourceNode type, which resolve() must return for ofType() to work; it is
// loaded by file path beside the engine (the same module instance the engine uses).
const { ResourceNode } = require(path.join(path.dirname(require.resolve('fhirpath')), 'types.js')) as {
  ResourceNode: { makeResNode(ctx: unknown, data: unknown, ...rest: null[]): unknown };
};

/**
 * Parse trees by expression. fhirpath.js parses with an ANTLR parser on every compile(), and at start-up that parser
 * is slow (its tables are built and its code is not yet optimised): a run meets a few hundred invariants, whose
 * parse trees are plain JSON, so they are kept on disk per fhirpath.js version and reused. compile() reaches the parser
 * through its module object, whose `parse` is wrapped here; a tree is stored only if it survives a JSON round trip
 * unchanged, so a cached tree is exactly what the parser returns.
 */
const parserModule = require(path.join(path.dirname(require.resolve('fhirpath')), 'parser', 'index.js')) as { parse(expr: string): unknown };
const parseWithAntlr = parserModule.parse;
const AST_CACHE_FORMAT = 1;
const parsed = new Map<string, unknown>();
let astFile: string | undefined | null = null;
let unsaved: Record<string, unknown> | undefined;

function astCacheFile(): string | undefined {
  if (astFile === null) {
    const dir = cacheDir('fhirpath');
    astFile = dir ? path.join(dir, `ast-${fhirpath.version}-v${AST_CACHE_FORMAT}.json`) : undefined;
    if (astFile) for (const [expr, ast] of Object.entries(readAstCache(astFile))) parsed.set(expr, ast);
  }
  return astFile;
}

function readAstCache(file: string): Record<string, unknown> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {}; // absent or corrupt: rebuilt as expressions are met
  }
}

/** Writes new parse trees at exit, merged with what other processes wrote meanwhile (write, then rename). */
function saveAstCache(): void {
  const file = astCacheFile();
  if (!file || !unsaved) return;
  try {
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...readAstCache(file), ...unsaved }));
    renameSync(tmp, file);
  } catch {
    // caching is an optimisation; a read-only cache folder must not fail a run
  }
  unsaved = undefined;
}

parserModule.parse = (expr: string): unknown => {
  const file = astCacheFile();
  let ast = parsed.get(expr);
  if (ast === undefined) {
    ast = parseWithAntlr(expr); // throws for a syntax error: never cached
    parsed.set(expr, ast);
    if (file) {
      const copy = JSON.parse(JSON.stringify(ast)) as unknown;
      if (isDeepStrictEqual(copy, ast)) {
        if (!unsaved) process.once('exit', saveAstCache);
        (unsaved ??= {})[expr] = copy;
      }
    }
  }
  return ast;
};

/**
 * resolve() without network access: references are resolved by the validator (contained resources, Bundle entries)
 * through the `__resolve` variable of the evaluation; anything else resolves to nothing, as the HL7 validator does
 * offline. https://hl7.org/fhir/R4/fhirpath.html#functions
 */
const regexCache = new Map<string, RegExp | null>();

/**
 * matches()/replaceMatches() as the R4 definitions need them. fhirpath.js always compiles with the `u` flag, which
 * rejects R4 regexes such as eld-16's `\\/` escapes, so those invariants could never run; here the `u` flag is
 * dropped when the pattern is not valid with it. And matches() is a whole-string match, as in the HL7 Java
 * validator the R4 definitions were written against (Java's String.matches), e.g. the `*-0` name rules.
 */
function compileRegex(pattern: string, whole: boolean, global = false): RegExp | null {
  const key = `${whole ? 'w' : 'p'}${global ? 'g' : ''}\u0000${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    const source = whole ? `^(?:${pattern})$` : pattern;
    const flags = `s${global ? 'g' : ''}`;
    try {
      re = new RegExp(source, `${flags}u`);
    } catch {
      try {
        re = new RegExp(source, flags);
      } catch {
        re = null;
      }
    }
    regexCache.set(key, re);
  }
  if (re) re.lastIndex = 0;
  return re;
}

function singleString(coll: unknown): string | undefined {
  const list = Array.isArray(coll) ? coll : [coll];
  if (list.length !== 1) return undefined;
  return typeof list[0] === 'string' ? list[0] : undefined;
}

function firstString(arg: unknown): string | undefined {
  return Array.isArray(arg) ? singleString(arg) : typeof arg === 'string' ? arg : undefined;
}

const userInvocationTable = {
  matches: {
    fn(coll: unknown[], regex: unknown) {
      const str = singleString(coll);
      const pattern = firstString(regex);
      if (str === undefined || pattern === undefined) return [];
      const re = compileRegex(pattern, true);
      if (!re) throw new Error(`invalid regular expression: ${pattern}`);
      return [re.test(str)];
    },
    arity: { 1: ['String'] },
  },
  replaceMatches: {
    fn(coll: unknown[], regex: unknown, substitution: unknown) {
      const str = singleString(coll);
      const pattern = firstString(regex);
      const sub = firstString(substitution);
      if (str === undefined || pattern === undefined || sub === undefined) return [];
      const re = compileRegex(pattern, false, true);
      if (!re) throw new Error(`invalid regular expression: ${pattern}`);
      return [str.replace(re, sub)];
    },
    arity: { 2: ['String', 'String'] },
  },
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
    if ((typeof node === 'number' || typeof node === 'string' || typeof node === 'boolean') && PRIMITIVE_HOLDS.has(expression)) {
      return { ok: true, value: [true], holds: true };
    }
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      const decided = DECIDERS.get(expression)?.(node as Record<string, unknown>);
      if (decided !== undefined) return { ok: true, value: [decided], holds: decided };
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
