// Public surface of profile validation (issue 3): profiles, slicing, extensions, invariants, Must Support.
export { ProfileValidator, validateProfile, checkExtension, type ProfileInput, type ProfileResult, type ProfileValidatorOptions, type VisitInput } from './profile-validator.js';
export type { ExtensionInput } from './extensions/check-extension.js';
export type { ExtensionPlace } from './extensions/extension-place.js';
export type { BindingHook } from './profile-engine.js';
export type { BindingInfo } from './profile-index.js';
export { loadR5Definitions, R5_PACKAGE } from './r5-definitions.js';
export { mustSupportIds } from './must-support.js';
export { profileRules, extensionRules } from './rules/index.js';
