// Public surface of the requirements module: plans, their requirement rows, and the loader.
export type { RequirementsPlan, PlanResource, PlanInteraction, PlanSearchParam, PlanCombination } from './types.js';
export { planFromCapabilityStatement, planIdFor, EXPECTATION_URL, COMBINATION_URL } from './from-capability-statement.js';
export { planRequirements, requirementId, resourceExpectation, itemExpectation } from './plan-requirements.js';
export { GENERAL_REQUIREMENTS, generalRequirements } from './general.js';
export { loadRequirements, requirementsFromText, builtInPlan } from './load-requirements.js';
export { UKCORE_ACCESS_CDP, UKCORE_ACCESS_PIP, DEFAULT_PLANS } from './ukcore-access.js';
