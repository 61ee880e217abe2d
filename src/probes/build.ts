// What probe factories are built from: the plans and their per-type index.
import type { RequirementsPlan } from '../requirements/types.js';
import type { IndexedType } from './plan-index.js';

export interface ProbeBuild {
  plans: readonly RequirementsPlan[];
  types: readonly IndexedType[];
}
