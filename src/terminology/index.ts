// Public surface of the terminology layer: services, binding checks, offline code/identifier syntax checks.
export type { CanonicalResolver, CodeCheck, CodeCheckOutcome, CodeCheckReason, TerminologyService, ValidateCodeRequest } from './service.js';
export { REASON_TEXT } from './service.js';
export { LocalTerminology, type LocalTerminologyOptions } from './local.js';
export { RemoteTerminology, type RemoteTerminologyOptions, type TxStats } from './remote.js';
export { oauthFromEnv, type OAuthConfig } from './oauth.js';
export { checkBinding, checkBindingSync, codedValueKey, QUANTITY_TYPES, type Binding, type BindingStrength, type CheckBindingInput } from './check-binding.js';
export { checkCodeSyntax, type CheckCodeSyntaxInput } from './check-code-syntax.js';
export type { Expansion, ExpansionEntry } from './value-set-engine.js';
export { terminologyRules, BINDING_NOT_VERIFIED_RULE_ID } from '../rules/terminology/index.js';
export { ukcoreRules } from '../rules/ukcore/index.js';
export { bindingInput, createAsyncTerminologyHook, createSyncTerminologyHook, type CodedVisit, type ElementHook } from './element-hook.js';
