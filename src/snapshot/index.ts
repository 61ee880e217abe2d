// Public surface of snapshot generation: one definition, or every differential-only definition that is loaded.
export { generateSnapshot, pristineTreeOf, type SnapshotContext, type SnapshotResult } from './generate-snapshot.js';
export { generateAll, type GenerateAllResult } from './generate-all.js';
export { snapshotRules } from './snapshot-rules.js';
