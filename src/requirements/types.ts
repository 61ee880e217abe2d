// A test plan: the facts of one requirements CapabilityStatement (resources, interactions, search parameters, combinations).
import type { Expectation } from '../model/result.js';

/**
 * One `CapabilityStatement` with `kind = requirements`, reduced to what a server probe needs
 * (https://hl7.org/fhir/R4/capabilitystatement.html). `expectation` is left undefined where the statement
 * carries no `capabilitystatement-expectation` extension, so the plan stays a faithful copy of the facts;
 * `planRequirements()` decides what an absent expectation means.
 */
export interface RequirementsPlan {
  /** Short stable id used as the prefix of every requirement id, e.g. `ukcore-access-cdp`. */
  id: string;
  /** Canonical URL of the requirements statement. */
  url: string;
  title: string;
  /** `CapabilityStatement.fhirVersion` the statement was written for, e.g. `4.0.1`. */
  fhirVersion?: string;
  /** `CapabilityStatement.format`, e.g. `['json']`. */
  formats: string[];
  resources: PlanResource[];
}

export interface PlanResource {
  type: string;
  expectation?: Expectation;
  /** `rest.resource.profile`: the profile returned resources are expected to conform to. */
  profile?: string;
  interactions: PlanInteraction[];
  searchParams: PlanSearchParam[];
  /** `capabilitystatement-search-parameter-combination` extensions on the resource. */
  combinations: PlanCombination[];
}

export interface PlanInteraction {
  /** `read`, `search-type`, ... (https://hl7.org/fhir/R4/valueset-type-restful-interaction.html). */
  code: string;
  expectation?: Expectation;
}

export interface PlanSearchParam {
  name: string;
  /** Search parameter type as written in the statement (`token`, `date`, `string`, `reference`, ...). */
  type: string;
  expectation?: Expectation;
  definition?: string;
}

export interface PlanCombination {
  /** Parameters that must all be present (`required` sub-extensions), in statement order. */
  required: string[];
  /** Parameters that may be added (`optional` sub-extensions). */
  optional: string[];
  expectation?: Expectation;
}
