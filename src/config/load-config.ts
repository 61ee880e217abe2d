// Finds and reads ukcore-check.config.json: searched upward from the working directory as ESLint does, checked
// against schemas/config.schema.json with ajv; any problem is a UsageError (exit 2) naming the file and the place.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/errors.js';
import type { Waiver } from '../model/report.js';
import { formatSchemaErrors, schemaValidator } from '../report/schemas.js';
import { parseWaivers } from '../report/waivers.js';

export const CONFIG_FILE_NAME = 'ukcore-check.config.json';

export type RuleSetting = 'off' | 'information' | 'warning' | 'error';

/** The file's content (see schemas/config.schema.json for what each field means). */
export interface UkcoreCheckConfig {
  packages?: string[];
  baseOnly?: boolean;
  profiles?: string[];
  ukcoreDefault?: boolean;
  jobs?: number;
  terminology?: { enabled?: boolean; server?: string; timeoutMs?: number };
  server?: { baseUrl?: string; timeoutMs?: number; maxRequests?: number; concurrency?: number; allowHttp?: boolean; allowWrites?: boolean };
  rules?: Record<string, RuleSetting>;
  ignore?: Waiver[];
  reports?: Array<{ format: string; output?: string }>;
  failOn?: 'error' | 'warning';
  maxWarnings?: number;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  sha256: string;
  config: UkcoreCheckConfig;
}

/** The nearest ukcore-check.config.json in `from` or a folder above it, or undefined. */
export function findConfig(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and checks one config file; relative paths in it are made absolute against the file's folder. */
export function loadConfig(file: string): LoadedConfig {
  const abs = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`config ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let json: unknown;
  try {
    // A UTF-8 byte order mark is tolerated, as in resources.
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`config ${abs} is not JSON: ${(e as Error).message}`);
  }
  const validate = schemaValidator('config');
  if (!validate(json)) {
    throw new UsageError(`config ${abs} is not a valid ukcore-check configuration:\n    ${formatSchemaErrors(validate.errors).join('\n    ')}`,
      'see schemas/config.schema.json and the README section "Configuration file"');
  }
  const config = json as UkcoreCheckConfig;
  // The schema has checked each waiver's shape; parseWaivers also checks that the expiry dates exist.
  const waivers = parseWaivers({ waivers: config.ignore ?? [] });
  const errors = waivers.ok ? [] : waivers.errors.map((e) => e.replace(/^\/waivers\//, '/ignore/'));
  if (errors.length) throw new UsageError(`config ${abs} is not a valid ukcore-check configuration:\n    ${errors.join('\n    ')}`);
  return { path: abs, sha256: createHash('sha256').update(bytes).digest('hex'), config: resolvePaths(config, path.dirname(abs)) };
}

/** `id#version` package references stay as they are; everything else is a path relative to the config file. */
const PACKAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._-]*#[^/\\]+$/;

function resolvePaths(config: UkcoreCheckConfig, dir: string): UkcoreCheckConfig {
  const out: UkcoreCheckConfig = { ...config };
  if (config.packages) out.packages = config.packages.map((p) => (PACKAGE_REF.test(p) ? p : path.resolve(dir, p)));
  if (config.reports) out.reports = config.reports.map((r) => (r.output ? { ...r, output: path.resolve(dir, r.output) } : r));
  return out;
}

