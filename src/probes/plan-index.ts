// Merges the requirement plans by resource type, so each check runs once and cites every plan row it verifies.
import type { Expectation } from '../model/result.js';
import { itemExpectation, requirementId, resourceExpectation } from '../requirements/plan-requirements.js';
import type { PlanResource, RequirementsPlan } from '../requirements/types.js';

export interface IndexedItem {
  /** Requirement rows the check verifies. */
  requirementIds: string[];
  /** True when any plan makes it SHALL (the check is then not optional). */
  shall: boolean;
  expectations: { plan: string; expectation: Expectation }[];
}

export interface IndexedParam extends IndexedItem {
  name: string;
}

export interface IndexedCombination extends IndexedItem {
  params: string[];
}

export interface IndexedType extends IndexedItem {
  type: string;
  /** Profiles the plans name for this type (rest.resource.profile). */
  profiles: string[];
  profileRequirementIds: string[];
  interactions: Map<string, IndexedItem>;
  params: IndexedParam[];
  combinations: IndexedCombination[];
  plans: { plan: RequirementsPlan; resource: PlanResource }[];
}

function emptyItem(): IndexedItem {
  return { requirementIds: [], shall: false, expectations: [] };
}

function add(item: IndexedItem, plan: string, id: string, expectation: Expectation): void {
  item.requirementIds.push(id);
  item.expectations.push({ plan, expectation });
  if (expectation === 'SHALL') item.shall = true;
}

/** One entry per resource type, in first-appearance order across the plans. */
export function indexPlans(plans: readonly RequirementsPlan[]): IndexedType[] {
  const out = new Map<string, IndexedType>();
  for (const plan of plans) {
    for (const res of plan.resources) {
      let t = out.get(res.type);
      if (!t) {
        t = { type: res.type, ...emptyItem(), profiles: [], profileRequirementIds: [], interactions: new Map(), params: [], combinations: [], plans: [] };
        out.set(res.type, t);
      }
      t.plans.push({ plan, resource: res });
      const typeExp = resourceExpectation(res);
      add(t, plan.id, requirementId.resource(plan.id, res.type), typeExp);
      if (res.profile) {
        t.profiles.push(res.profile);
        t.profileRequirementIds.push(requirementId.profile(plan.id, res.type));
      }
      for (const it of res.interactions) {
        const item = t.interactions.get(it.code) ?? emptyItem();
        add(item, plan.id, requirementId.interaction(plan.id, res.type, it.code), itemExpectation(res, it));
        t.interactions.set(it.code, item);
      }
      const searchType = res.interactions.some((i) => i.code === 'search-type');
      for (const sp of res.searchParams) {
        let p = t.params.find((x) => x.name === sp.name);
        if (!p) {
          p = { name: sp.name, ...emptyItem() };
          t.params.push(p);
        }
        const exp = itemExpectation(res, sp);
        add(p, plan.id, requirementId.searchParam(plan.id, res.type, sp.name), exp);
        // A working SHALL search is also the evidence that the type and its search-type interaction are supported.
        if (exp === 'SHALL') {
          p.requirementIds.push(requirementId.resource(plan.id, res.type));
          if (searchType) p.requirementIds.push(requirementId.interaction(plan.id, res.type, 'search-type'));
        }
      }
      for (const c of res.combinations) {
        const key = c.required.join('+');
        let comb = t.combinations.find((x) => x.params.join('+') === key);
        if (!comb) {
          comb = { params: [...c.required], ...emptyItem() };
          t.combinations.push(comb);
        }
        add(comb, plan.id, requirementId.combination(plan.id, res.type, c.required), itemExpectation(res, c));
      }
    }
  }
  for (const t of out.values()) {
    t.params.forEach((p) => (p.requirementIds = [...new Set(p.requirementIds)]));
  }
  return [...out.values()];
}
