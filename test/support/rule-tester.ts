// ESLint-RuleTester-like harness: table-driven valid/invalid cases validated by one shared base-R4 Validator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Severity } from '../../src/model/issue.js';
import { kindOf } from '../../src/inputs/discover.js';
import { parseDocument } from '../../src/inputs/read-input.js';
import { loadPackages } from '../../src/packages/load-packages.js';
import { StructureXmlSchema } from '../../src/structure/xml-schema-adapter.js';
import { projectRoot } from '../../src/util/shared-data.js';
import { Validator } from '../../src/validate/validator.js';

/** What a case feeds the validator: a resource object (pretty-printed JSON), source text, or raw bytes. */
export interface CaseInput {
  /** Test title; defaults to a summary of the input. */
  name?: string;
  resource?: unknown;
  text?: string;
  bytes?: Buffer;
  /** The input's syntax; names the input `case.json` / `case.xml`. Default json. */
  format?: 'json' | 'xml';
  /** Overrides the input's name (its extension is the fallback when the content cannot be sniffed). */
  fileName?: string;
}

export interface ExpectedIssue {
  ruleId: string;
  messageId: string;
  /** FHIRPath location with indices; `undefined` asserts the issue has no expression. */
  expression: string | undefined;
  line?: number;
  column?: number;
  /** Default: error or fatal. Listing 'warning' makes the case compare warnings too. */
  severity?: Severity;
  /** For invariant/constraint: the constraint key (`ele-1`, `que-7`), since every failure has messageId `failed`. */
  key?: string;
}

export interface InvalidCase extends CaseInput {
  errors: ExpectedIssue[];
}

export type ValidCase = CaseInput | Record<string, unknown>;

export interface RunCases {
  valid?: ValidCase[];
  invalid?: InvalidCase[];
}

const FIXTURES = path.join(projectRoot, 'fixtures', 'resources', 'valid');

/** A deep copy of fixtures/resources/valid/<name>.json, to clone-and-break in a test. */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');
}

/** Clones `base` and applies `change` to the clone: one broken thing per invalid case. */
export function breakIt<T>(base: T, change: (copy: any) => void): T {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

/** The JSON text a `resource` case is validated as (so expected lines can be computed from it). */
export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * An invalid case cloned from `base` and broken by `change`; `errors` may be a function of the case's JSON text,
 * so expected lines are looked up with lineOf() instead of being counted by hand.
 */
export function brokenCase(name: string, base: unknown, change: (copy: any) => void,
  errors: ExpectedIssue[] | ((text: string) => ExpectedIssue[])): InvalidCase {
  const text = pretty(breakIt(base, change));
  return { name, text, errors: typeof errors === 'function' ? errors(text) : errors };
}

/** 1-based line of the first occurrence of `needle` (after `after`, when given) in `text`. */
export function lineOf(text: string, needle: string, after?: string): number {
  const from = after === undefined ? 0 : text.indexOf(after);
  if (from < 0) throw new Error(`lineOf: '${after}' not in text`);
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`lineOf: '${needle}' not in text`);
  return text.slice(0, at).split('\n').length;
}

/** The shared Validator over the base package: loaded once per test file (each file runs in its own worker). */
let shared: { validator: Validator; xmlSchema: StructureXmlSchema } | undefined;
export function sharedValidator(): { validator: Validator; xmlSchema: StructureXmlSchema } {
  if (!shared) {
    const set = loadPackages([]);
    const validator = new Validator(set.defs);
    shared = { validator, xmlSchema: new StructureXmlSchema(validator.structures) };
  }
  return shared;
}

// A bare resource has a resourceType (and may have a Narrative `text`); a case object has resource/text/bytes.
function isCaseInput(c: ValidCase): c is CaseInput {
  if ('resourceType' in c) return false;
  return 'resource' in c || typeof c.text === 'string' || Buffer.isBuffer(c.bytes);
}

function toInput(c: ValidCase): CaseInput {
  return isCaseInput(c) ? c : { resource: c };
}

/** Validates one input exactly as `validate` does for a file, returning every issue of every result. */
export function validateInput(input: CaseInput): Issue[] {
  const { validator, xmlSchema } = sharedValidator();
  const source = input.fileName ?? `case.${input.format ?? 'json'}`;
  const bytes = input.bytes ?? Buffer.from(input.text ?? pretty(input.resource), 'utf8');
  const unit = parseDocument(bytes, source, kindOf(source), xmlSchema);
  if (!unit.parsed) return unit.issues;
  return validator.validate(unit.parsed, source).flatMap((r) => r.issues);
}

function describeInput(c: CaseInput): string {
  if (c.name) return c.name;
  if (c.text !== undefined) return JSON.stringify(c.text.length > 60 ? `${c.text.slice(0, 57)}...` : c.text);
  if (c.bytes) return `${c.bytes.length} bytes`;
  const r = c.resource as Record<string, unknown> | undefined;
  return `${String(r?.resourceType ?? 'resource')}${r?.id ? `/${String(r.id)}` : ''}`;
}

type Projected = Record<string, unknown>;

function project(issue: Issue, like: ExpectedIssue | undefined): Projected {
  const out: Projected = {
    ruleId: issue.ruleId,
    messageId: issue.messageId,
    expression: issue.location.expression,
  };
  if (like?.line !== undefined) out.line = issue.location.line;
  if (like?.column !== undefined) out.column = issue.location.column;
  if (like?.severity !== undefined) out.severity = issue.severity;
  if (like?.key !== undefined) out.key = issue.constraint?.key;
  // An unmatched issue shows everything, so a failure explains itself.
  if (!like) {
    Object.assign(out, { line: issue.location.line, column: issue.location.column, severity: issue.severity });
    if (issue.constraint) out.key = issue.constraint.key;
  }
  return out;
}

function expectedShape(e: ExpectedIssue): Projected {
  const out: Projected = { ruleId: e.ruleId, messageId: e.messageId, expression: e.expression };
  if (e.line !== undefined) out.line = e.line;
  if (e.column !== undefined) out.column = e.column;
  if (e.severity !== undefined) out.severity = e.severity;
  if (e.key !== undefined) out.key = e.key;
  return out;
}

function matches(issue: Issue, e: ExpectedIssue): boolean {
  if (issue.ruleId !== e.ruleId || issue.messageId !== e.messageId || issue.location.expression !== e.expression) return false;
  if (e.line !== undefined && issue.location.line !== e.line) return false;
  if (e.column !== undefined && issue.location.column !== e.column) return false;
  if (e.key !== undefined && issue.constraint?.key !== e.key) return false;
  if (e.severity !== undefined) return issue.severity === e.severity;
  return issue.severity === 'error' || issue.severity === 'fatal';
}

/**
 * Asserts that the failing issues (error/fatal, plus warnings when any expected issue is a warning) are exactly
 * `expected`, in any order: nothing missing, nothing extra.
 */
export function assertIssues(issues: Issue[], expected: ExpectedIssue[]): void {
  const withWarnings = expected.some((e) => e.severity === 'warning');
  const relevant = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal' || (withWarnings && i.severity === 'warning'));
  const left = [...relevant];
  const actual: Projected[] = [];
  for (const e of expected) {
    const idx = left.findIndex((i) => matches(i, e));
    if (idx === -1) continue;
    actual.push(project(left[idx]!, e));
    left.splice(idx, 1);
  }
  for (const extra of left) actual.push(project(extra, undefined));
  const want = expected.map(expectedShape);
  // Sorting both sides keeps the diff readable; exact equality covers both missing and extra issues.
  const key = (p: Projected) => JSON.stringify(p);
  expect(actual.map(key).sort()).toEqual(want.map(key).sort());
}

export class RuleTester {
  /** Registers a describe block with one test per case; the Validator is built in beforeAll. */
  run(name: string, cases: RunCases): void {
    describe(name, () => {
      beforeAll(() => {
        sharedValidator();
      });
      const valid = (cases.valid ?? []).map(toInput);
      const invalid = cases.invalid ?? [];
      if (valid.length) {
        it.each(valid.map((c) => [describeInput(c), c] as const))('valid: %s', (_n, c) => {
          const failing = validateInput(c).filter((i) => i.severity === 'error' || i.severity === 'fatal');
          expect(failing.map((i) => project(i, undefined))).toEqual([]);
        });
      }
      if (invalid.length) {
        it.each(invalid.map((c) => [describeInput(c), c] as const))('invalid: %s', (_n, c) => {
          if (c.errors.length === 0) throw new Error('an invalid case must list at least one expected issue');
          assertIssues(validateInput(c), c.errors);
        });
      }
    });
  }
}

export const ruleTester = new RuleTester();
