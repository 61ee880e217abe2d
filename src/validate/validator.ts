// Orchestration: one parsed resource in, one CheckResult per resource (Bundle entries included) out.
import type { Issue } from '../model/issue.js';
import { isFailing } from '../model/issue.js';
import type { CheckResult } from '../model/result.js';
import type { ParsedResource } from '../parse/parsed-resource.js';
import type { Definitions } from '../packages/definitions.js';
import { Structures } from '../structure/structures.js';
import { FhirPathEvaluator } from '../fhirpath/evaluator.js';
import { StructureWalker, type ElementVisit } from './structure-walker.js';
import { checkBundle } from './bundle/check-bundle.js';
import { ReferenceContext } from './references/reference-check.js';

export interface ValidatorOptions {
  /** Extra element-level checks (terminology, UK rules, profiles) that run during the walk. */
  elementHooks?: Array<(visit: ElementVisit, issues: Issue[], source: string) => void>;
}

export class Validator {
  readonly structures: Structures;
  readonly fhirpath = new FhirPathEvaluator();

  constructor(readonly defs: Definitions, private readonly options: ValidatorOptions = {}) {
    this.structures = new Structures(defs);
  }

  /** Validates one parsed input resource; a Bundle yields a result for itself and one per entry resource. */
  validate(parsed: ParsedResource, target: string): CheckResult[] {
    const started = performance.now();
    const hooks = this.options.elementHooks ?? [];
    const refs = new ReferenceContext(parsed.value, parsed.positions, parsed.source);
    const walker: StructureWalker = new StructureWalker(
      this.structures,
      this.fhirpath,
      { source: parsed.source, positions: parsed.positions, root: parsed.value, fromXml: parsed.format === 'xml' },
      (visit) => {
        refs.check(visit, walker.issues);
        for (const h of hooks) h(visit, walker.issues, parsed.source);
      },
    );
    const rt = walker.walkResource(parsed.value, '', []);
    const issues = [...parsed.issues, ...walker.issues];
    if (rt === 'Bundle') issues.push(...checkBundle(parsed, this.structures));
    return splitByEntry(parsed, target, rt, issues, performance.now() - started);
  }
}

const ENTRY_EXPR = /^Bundle\.entry\[(\d+)\]\.resource(?=$|[.[])/;

/** Splits a Bundle's issues into the Bundle's own result and one result per entry resource. */
function splitByEntry(parsed: ParsedResource, target: string, rt: string | undefined, issues: Issue[], ms: number): CheckResult[] {
  const value = parsed.value;
  const main = resourceResult(target, rt, value, [], ms, parsed);
  if (rt !== 'Bundle' || !Array.isArray(value.entry)) {
    main.issues = issues;
    main.status = statusOf(issues);
    return [main];
  }
  const entries = value.entry as Array<Record<string, unknown> | null>;
  const perEntry = new Map<number, Issue[]>();
  for (const issue of issues) {
    const m = issue.location.expression ? ENTRY_EXPR.exec(issue.location.expression) : null;
    const idx = m ? Number(m[1]) : -1;
    const res = idx >= 0 ? entries[idx]?.resource : undefined;
    if (res && typeof res === 'object') {
      let list = perEntry.get(idx);
      if (!list) perEntry.set(idx, (list = []));
      list.push(issue);
    } else {
      main.issues.push(issue);
    }
  }
  main.status = statusOf(main.issues);
  const out = [main];
  entries.forEach((entry, idx) => {
    const res = entry?.resource;
    if (!res || typeof res !== 'object' || Array.isArray(res)) return;
    const list = perEntry.get(idx) ?? [];
    const r = resourceResult(`${target}#entry[${idx}]`, stringOr((res as Record<string, unknown>).resourceType), res as Record<string, unknown>, list, 0, parsed, ['entry', idx, 'resource']);
    r.status = statusOf(list);
    out.push(r);
  });
  return out;
}

function resourceResult(target: string, rt: string | undefined, res: Record<string, unknown>, issues: Issue[], ms: number,
  parsed: ParsedResource, segs: (string | number)[] = []): CheckResult {
  const line = parsed.positions.locate(parsed.value, segs)?.line;
  return {
    checkId: 'validate/resource',
    title: `${rt ?? 'Resource'}${typeof res.id === 'string' ? `/${res.id}` : ''} conforms to FHIR R4`,
    target,
    status: 'pass',
    optional: false,
    requirementIds: [],
    issues,
    durationMs: Math.round(ms * 1000) / 1000,
    resource: {
      ...(rt ? { resourceType: rt } : {}),
      ...(typeof res.id === 'string' ? { id: res.id } : {}),
      profiles: [`http://hl7.org/fhir/StructureDefinition/${rt ?? 'Resource'}`],
      ...(line ? { line } : {}),
    },
  };
}

export function statusOf(issues: Issue[]): CheckResult['status'] {
  return issues.some((i) => isFailing(i.severity)) ? 'fail' : 'pass';
}

function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
