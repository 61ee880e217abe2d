// Test harness wiring profile validation the way the validator should: the base walker visits every element, every
// Extension goes to checkExtensionAt(), then the resource (and each Bundle entry) is checked against its profiles.
import { readFileSync } from 'node:fs';
import type { Issue } from '../../../src/model/issue.js';
import type { MustSupportCoverage } from '../../../src/model/result.js';
import type { Definitions } from '../../../src/packages/definitions.js';
import { readJson } from '../../../src/parse/json.js';
import { readFhirXml } from '../../../src/parse/xml/index.js';
import type { PositionMap } from '../../../src/parse/positions.js';
import { FhirPathEvaluator } from '../../../src/fhirpath/evaluator.js';
import { Structures } from '../../../src/structure/structures.js';
import { StructureXmlSchema } from '../../../src/structure/xml-schema-adapter.js';
import { ReferenceContext } from '../../../src/validate/references/reference-check.js';
import { StructureWalker } from '../../../src/validate/structure-walker.js';
import { ProfileValidator, type BindingHook } from '../../../src/profile/index.js';
import { loadR5Definitions } from '../../../src/profile/r5-definitions.js';

export interface CheckOutcome {
  /** Base walker issues (structure, invariants, references). */
  base: Issue[];
  /** checkExtension issues. */
  extensions: Issue[];
  /** Profile issues, per validated (resource, profile). */
  profile: Issue[];
  mustSupport: MustSupportCoverage[];
  /** extensions + profile. */
  all: Issue[];
}

export interface Parsed {
  value: Record<string, unknown>;
  positions: PositionMap;
  source: string;
}

/** Which profiles a resource is checked against (root, or a Bundle entry resource). */
export type ProfileChooser = (resource: Record<string, unknown>, where: 'root' | 'entry') => string[];

export class ProfileHarness {
  readonly structures: Structures;
  readonly validator: ProfileValidator;
  private readonly fhirpath = new FhirPathEvaluator();
  private xml?: StructureXmlSchema;

  constructor(readonly defs: Definitions, onBinding?: BindingHook) {
    this.structures = new Structures(defs);
    this.validator = new ProfileValidator({ structures: this.structures, r5: loadR5Definitions(), onBinding });
  }

  parseJson(text: string, source = 'case.json'): Parsed {
    const r = readJson(text, source);
    if (!r.ok) throw new Error(`bad JSON: ${r.issues.map((i) => i.message).join('; ')}`);
    return { value: r.value as Record<string, unknown>, positions: r.positions, source };
  }

  parseXmlFile(file: string): Parsed {
    this.xml ??= new StructureXmlSchema(this.structures);
    const out = readFhirXml(readFileSync(file, 'utf8'), file, this.xml);
    const p = out.resources[0];
    if (!p) throw new Error(`${file}: ${out.issues.map((i) => i.message).join('; ')}`);
    return { value: p.value, positions: p.positions, source: file };
  }

  /** Validates a resource (pretty-printed, so positions are real) against `profiles`. */
  check(resource: unknown, profiles: string[] | ProfileChooser): CheckOutcome {
    return this.checkParsed(this.parseJson(JSON.stringify(resource, null, 2)), profiles);
  }

  checkParsed(p: Parsed, profiles: string[] | ProfileChooser): CheckOutcome {
    const choose: ProfileChooser = Array.isArray(profiles) ? (_r, where) => (where === 'root' ? profiles : []) : profiles;
    const refs = new ReferenceContext(p.value, p.positions, p.source);
    const extensions: Issue[] = [];
    const walker: StructureWalker = new StructureWalker(this.structures, this.fhirpath,
      { source: p.source, positions: p.positions, root: p.value, fromXml: false },
      (visit) => {
        refs.check(visit, walker.issues);
        if (visit.typeCode === 'Extension') extensions.push(...this.validator.checkExtensionAt(visit, { source: p.source, positions: p.positions, root: p.value, bundle: refs }));
      });
    walker.walkResource(p.value, '', []);
    const profile: Issue[] = [];
    const mustSupport: MustSupportCoverage[] = [];
    const run = (resource: Record<string, unknown>, segs: (string | number)[], expression: string, where: 'root' | 'entry') => {
      for (const canonical of choose(resource, where)) {
        const r = this.validator.validate({ resource, root: p.value, segs, expression, source: p.source, positions: p.positions, bundle: refs }, canonical);
        profile.push(...r.issues);
        mustSupport.push(r.mustSupport);
      }
    };
    run(p.value, [], String(p.value.resourceType), 'root');
    if (p.value.resourceType === 'Bundle' && Array.isArray(p.value.entry)) {
      p.value.entry.forEach((e: any, i: number) => {
        if (e?.resource && typeof e.resource === 'object') run(e.resource, ['entry', i, 'resource'], `Bundle.entry[${i}].resource`, 'entry');
      });
    }
    return { base: walker.issues, extensions, profile, mustSupport, all: [...extensions, ...profile] };
  }
}

/** The failing (error/fatal) issues of a list. */
export function errorsOf(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** A short line per issue, for failure messages. */
export function describe(i: Issue): string {
  return `${i.severity} ${i.ruleId}/${i.messageId} @${i.location.expression} [${i.elementId ?? ''}] ${i.message}`;
}
