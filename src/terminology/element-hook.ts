// Walker hooks: which visited elements get which terminology checks (bindings, code systems, identifier syntax).
// Structural types only, so the walker can pass its own visit objects.
import type { Issue } from '../model/issue.js';
import { checkBinding, checkBindingSync, QUANTITY_TYPES, type Binding, type CheckBindingInput } from './check-binding.js';
import { checkCodeSyntax } from './check-code-syntax.js';
import type { CodeCheck, TerminologyService, ValidateCodeRequest } from './service.js';

/** What the hook needs from a walker visit (the validator's ElementVisit satisfies it). */
export interface CodedVisit {
  value: unknown;
  typeCode: string | undefined;
  expression: string;
  node: { id: string; def: Record<string, any> };
}

export type ElementHook = (visit: CodedVisit, issues: Issue[], source: string) => void;

const SYNTAX_TYPES = new Set(['Identifier', 'Coding', ...QUANTITY_TYPES]);
const BINDABLE_TYPES = new Set(['code', 'string', 'uri', 'Coding', 'CodeableConcept', ...QUANTITY_TYPES]);
const CODING_IN_CONCEPT = /\.coding(\[\d+\])?$/;

/**
 * The binding check for a visit, or undefined when there is none. Bound coded elements are checked against their
 * binding; unbound Coding/CodeableConcept values still get code-system checks. A Coding inside a CodeableConcept is
 * covered by its CodeableConcept, unless it carries its own binding (a profiled slice), and then only the binding.
 */
export function bindingInput(visit: CodedVisit, source: string, binding: Binding | undefined = visit.node.def.binding): Omit<CheckBindingInput, 'tx'> | undefined {
  const type = visit.typeCode;
  if (!type || !BINDABLE_TYPES.has(type)) return undefined;
  // CapabilityStatement.format is bound to mimetypes, but its definition allows `xml | json | ttl | mime type`
  // (https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.format).
  if (type === 'code' && (visit.value === 'json' || visit.value === 'xml' || visit.value === 'ttl') && visit.node.def.path === 'CapabilityStatement.format') return undefined;
  const insideConcept = type === 'Coding' && CODING_IN_CONCEPT.test(visit.expression);
  if (!binding && (insideConcept || !(type === 'Coding' || type === 'CodeableConcept'))) return undefined;
  // Always the same keys in the same order (unset ones undefined): callers spread this object for every coded
  // element, and one shape keeps that copy fast.
  return {
    value: visit.value,
    type,
    binding: binding || undefined,
    location: { source, expression: visit.expression },
    elementId: visit.node.id,
    checkCodes: insideConcept ? false : undefined,
  };
}

function syntaxIssues(visit: CodedVisit, source: string): Issue[] {
  const type = visit.typeCode;
  return type && SYNTAX_TYPES.has(type) ? checkCodeSyntax({ value: visit.value, type, location: { source, expression: visit.expression } }) : [];
}

/** A synchronous hook over local content (offline runs): issues are added during the walk. */
export function createSyncTerminologyHook(tx: { validateCodeSync(request: ValidateCodeRequest): CodeCheck }): ElementHook {
  return (visit, issues, source) => {
    issues.push(...syntaxIssues(visit, source));
    const input = bindingInput(visit, source);
    if (input) issues.push(...checkBindingSync({ ...input, tx }));
  };
}

/**
 * A hook for any TerminologyService (e.g. RemoteTerminology): syntax issues are added during the walk, binding
 * checks are started and collected; await `flush()` after each resource and add what it returns.
 */
export function createAsyncTerminologyHook(tx: TerminologyService): { hook: ElementHook; flush(): Promise<Issue[]> } {
  let pending: Promise<Issue[]>[] = [];
  return {
    hook(visit, issues, source) {
      issues.push(...syntaxIssues(visit, source));
      const input = bindingInput(visit, source);
      if (input) pending.push(checkBinding({ ...input, tx }));
    },
    async flush() {
      const started = pending;
      pending = [];
      return (await Promise.all(started)).flat();
    },
  };
}
