// Public surface of the sandbox: start it, list its faults, and the data it serves.
export { startSandbox, type Sandbox, type SandboxOptions, type RecordedRequest } from './server.js';
export { SANDBOX_FAULTS, FAULT_NAMES, isSandboxFault, type SandboxFault } from './faults.js';
export { SANDBOX_RESOURCES } from './data/index.js';
export { selfSignedCertificate, testPki, hasOpenssl, type KeyPair, type TestPki } from './certs.js';
