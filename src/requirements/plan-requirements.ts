// Turns a test plan into Requirement rows with stable ids, text and expectation: the SHALL/SHOULD matrix rows.
import type { Expectation, Requirement } from '../model/result.js';
import type { PlanCombination, PlanResource, RequirementsPlan } from './types.js';

// NOTE: where a statement gives no expectation, an element inherits its resource's; a resource without one is
// treated as MAY, so nothing the statement does not state can gate a verdict.
const UNSTATED: Expectation = 'MAY';

/** Requirement ids, built in one place so probes and the plan agree. */
export const requirementId = {
  capabilities: (plan: string) => `${plan}/capabilities`,
  fhirVersion: (plan: string) => `${plan}/fhir-version`,
  format: (plan: string, format: string) => `${plan}/format/${format}`,
  resource: (plan: string, type: string) => `${plan}/${type}`,
  profile: (plan: string, type: string) => `${plan}/${type}/profile`,
  interaction: (plan: string, type: string, code: string) => `${plan}/${type}/${code}`,
  searchParam: (plan: string, type: string, name: string) => `${plan}/${type}/search-type/${name}`,
  combination: (plan: string, type: string, params: string[]) => `${plan}/${type}/search-type/${params.join('+')}`,
};

export function resourceExpectation(res: PlanResource): Expectation {
  return res.expectation ?? UNSTATED;
}

export function itemExpectation(res: PlanResource, item: { expectation?: Expectation }): Expectation {
  return item.expectation ?? resourceExpectation(res);
}

function combinationText(c: PlanCombination): string {
  const optional = c.optional.length > 0 ? ` (optionally with ${c.optional.join(', ')})` : '';
  return `${c.required.join(' + ')}${optional}`;
}

/** Every requirement a plan states, in plan order. */
export function planRequirements(plan: RequirementsPlan): Requirement[] {
  const p = plan.id;
  const source = plan.url;
  const out: Requirement[] = [{
    id: requirementId.capabilities(p),
    text: `${plan.title}: the server SHALL support the capabilities interaction (GET [base]/metadata) and return an ` +
      'instance CapabilityStatement (https://hl7.org/fhir/R4/http.html#capabilities)',
    expectation: 'SHALL',
    source,
  }];
  if (plan.fhirVersion) {
    out.push({ id: requirementId.fhirVersion(p), text: `${plan.title}: FHIR version ${plan.fhirVersion}`, expectation: 'SHALL', source });
  }
  for (const f of plan.formats) {
    out.push({ id: requirementId.format(p, f), text: `${plan.title}: supports the ${f} format`, expectation: 'SHALL', source });
  }
  for (const res of plan.resources) {
    const t = res.type;
    out.push({ id: requirementId.resource(p, t), text: `${plan.title}: supports the ${t} resource`, expectation: resourceExpectation(res), source });
    if (res.profile) {
      out.push({
        id: requirementId.profile(p, t), text: `${plan.title}: ${t} resources conform to ${res.profile}`,
        expectation: resourceExpectation(res), source,
      });
    }
    for (const it of res.interactions) {
      out.push({
        id: requirementId.interaction(p, t, it.code), text: `${plan.title}: ${t} supports the ${it.code} interaction`,
        expectation: itemExpectation(res, it), source,
      });
    }
    for (const sp of res.searchParams) {
      out.push({
        id: requirementId.searchParam(p, t, sp.name),
        text: `${plan.title}: ${t} search by ${sp.name} (${sp.type})`,
        expectation: itemExpectation(res, sp), source,
      });
    }
    for (const c of res.combinations) {
      out.push({
        id: requirementId.combination(p, t, c.required),
        text: `${plan.title}: ${t} search by the combination ${combinationText(c)}`,
        expectation: itemExpectation(res, c), source,
      });
    }
  }
  return out;
}
