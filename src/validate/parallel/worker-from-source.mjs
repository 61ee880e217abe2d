// Worker entry when running from the TypeScript sources (tests): loads worker.ts through tsx. Builds use worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
