// Registry of the terminology rules (terminology/*), one rule per file.
import bindingExtensible from './binding-extensible.js';
import bindingNotVerified from './binding-not-verified.js';
import bindingPreferred from './binding-preferred.js';
import bindingRequired from './binding-required.js';
import displayMismatch from './display-mismatch.js';
import inactiveCode from './inactive-code.js';
import loincCode from './loinc-code.js';
import ucumUnit from './ucum-unit.js';
import unknownCode from './unknown-code.js';

export const terminologyRules = [bindingRequired, bindingExtensible, bindingPreferred, bindingNotVerified, unknownCode, displayMismatch, inactiveCode, ucumUnit, loincCode];

/** The rule id the report summary counts as "bindings not verified". */
export const BINDING_NOT_VERIFIED_RULE_ID = bindingNotVerified.meta.id;
