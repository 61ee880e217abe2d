// Registry of the profile/* and extension/* rules, one rule per file.
import cardinality from './cardinality.js';
import fixedValue from './fixed-value.js';
import invariant from './invariant.js';
import maxLength from './max-length.js';
import pattern from './pattern.js';
import slicing from './slicing.js';
import targetProfile from './target-profile.js';
import typeNotAllowed from './type-not-allowed.js';
import typeProfile from './type-profile.js';
import notChecked from './not-checked.js';
import valueRange from './value-range.js';
import context from './extension/context.js';
import modifier from './extension/modifier.js';
import notVerified from './extension/not-verified.js';
import unknown from './extension/unknown.js';
import valueType from './extension/value-type.js';

export const profileRules = [cardinality, fixedValue, pattern, typeNotAllowed, typeProfile, targetProfile, slicing, invariant, maxLength, valueRange, notChecked];
export const extensionRules = [unknown, context, modifier, valueType, notVerified];
