// What an in-process run and each worker share: the Validator built from run options, and one unit's results.
import type { Issue } from '../../model/issue.js';
import type { CheckResult } from '../../model/result.js';
import type { ReadUnit } from '../../inputs/read-input.js';
import type { PackageSet } from '../../packages/load-packages.js';
import { StructureXmlSchema } from '../../structure/xml-schema-adapter.js';
import { LocalTerminology, RemoteTerminology } from '../../terminology/index.js';
import { Validator } from '../validator.js';

/** The run options that decide how resources are validated (everything a worker must be told). */
export interface ValidatorSetup {
  /** Check codes against bindings and code systems (default on). */
  terminology?: boolean;
  /** A FHIR terminology server for what local content cannot decide (in-process runs only). */
  tx?: { url: string; timeoutMs?: number };
  /** `--profile` canonicals, and whether to apply UKCore-<Type> by default (default true). */
  profiles?: { requested?: string[]; ukcoreDefault?: boolean };
}

export interface ValidatorParts {
  validator: Validator;
  xmlSchema: StructureXmlSchema;
  local?: LocalTerminology;
  remote?: RemoteTerminology;
}

/** Builds the Validator for a package set: the same in the main thread and in every worker. */
export function createValidator(set: PackageSet, opts: ValidatorSetup): ValidatorParts {
  const local = opts.terminology === false ? undefined : new LocalTerminology(set.defs);
  const remote = local && opts.tx ? new RemoteTerminology({ baseUrl: opts.tx.url, local, ...(opts.tx.timeoutMs ? { timeoutMs: opts.tx.timeoutMs } : {}) }) : undefined;
  const validator = new Validator(set.defs, {
    ...(local ? { terminology: { local, ...(remote ? { remote } : {}) } } : {}),
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
  });
  const xmlSchema = new StructureXmlSchema(validator.structures);
  return { validator, xmlSchema, ...(local ? { local } : {}), ...(remote ? { remote } : {}) };
}

/** The results for one input unit: its resources' (a Bundle's entries included), or one failed result if unreadable. */
export async function resultsForUnit(validator: Validator, unit: ReadUnit): Promise<CheckResult[]> {
  return unit.parsed ? validator.validateAsync(unit.parsed, unit.target) : [unreadableResult(unit.target, unit.issues)];
}

export function unreadableResult(target: string, issues: Issue[]): CheckResult {
  return {
    checkId: 'validate/resource', title: 'Input is a readable FHIR resource', target, status: 'fail', optional: false,
    requirementIds: [], issues, durationMs: 0, resource: { profiles: [] },
  };
}
