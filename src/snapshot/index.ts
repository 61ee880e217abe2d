// Public surface of snapshot generation: one definition, or every differential-only definition that is loaded.
export { generateSnapshot, type SnapshotContext, type SnapshotOptions, type SnapshotResult } from './generate-snapshot.js';
export { generateAll, onDemandSnapshots, type GenerateAllResult, type OnDemandSnapshots } from './generate-all.js';
export { snapshotRules } from './snapshot-rules.js';
