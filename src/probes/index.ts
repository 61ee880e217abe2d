// Public surface of the server probes: probeServer(), the registry and the building blocks for custom checks.
export { probeServer, ProbeSetupError, type ProbeServerOptions } from './probe-server.js';
export { buildProbes } from './registry.js';
export { runProbes, type RunOptions } from './runner.js';
export { defineProbe, type Probe, type ProbeMeta, type ProbeContext } from './define-probe.js';
export { FhirSession, type ValidateFn, type FhirResponse } from './session.js';
export { claimMatrix, type ClaimRow } from './claim-matrix.js';
export { indexPlans, type IndexedType } from './plan-index.js';
