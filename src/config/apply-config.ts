// Merges a configuration file into a command's options. Precedence: command line > environment (UKCORE_CHECK_*,
// read by commander) > configuration file > built-in defaults; a file value is used only where the option's value
// still comes from its default.
import type { Command } from 'commander';
import { findConfig, loadConfig, type LoadedConfig, type UkcoreCheckConfig } from './load-config.js';

/** The configuration in force: `--config <file>` (or UKCORE_CHECK_CONFIG), none with `--no-config`, else the nearest file upward. */
export function configFor(opts: { config?: string | boolean }, cwd = process.cwd()): LoadedConfig | undefined {
  if (opts.config === false) return undefined;
  const file = typeof opts.config === 'string' ? opts.config : findConfig(cwd);
  return file ? loadConfig(file) : undefined;
}

type Options = Record<string, any>;

/** Sets `key` from the file when the command line and environment left it at its default. */
function fill(opts: Options, cmd: Command, key: string, value: unknown): void {
  if (value === undefined) return;
  const source = cmd.getOptionValueSource(key);
  if (source === 'cli' || source === 'env') return;
  opts[key] = value;
}

/** Options shared by validate and probe: packages, gate, outputs. */
function fillCommon(opts: Options, cmd: Command, c: UkcoreCheckConfig): void {
  fill(opts, cmd, 'ig', c.packages);
  fill(opts, cmd, 'failOn', c.failOn);
  fill(opts, cmd, 'maxWarnings', c.maxWarnings);
  fill(opts, cmd, 'format', c.reports?.map((r) => (r.output ? `${r.format}:${r.output}` : r.format)));
}

/** `validate`'s options with the file's values filled in. */
export function withValidateConfig(opts: Options, cmd: Command, loaded: LoadedConfig | undefined): Options {
  if (!loaded) return opts;
  const c = loaded.config;
  const out = { ...opts };
  fillCommon(out, cmd, c);
  fill(out, cmd, 'baseOnly', c.baseOnly);
  fill(out, cmd, 'profile', c.profiles);
  fill(out, cmd, 'ukcoreDefault', c.ukcoreDefault);
  fill(out, cmd, 'jobs', c.jobs);
  fill(out, cmd, 'terminology', c.terminology?.enabled);
  fill(out, cmd, 'tx', c.terminology?.server);
  fill(out, cmd, 'txTimeout', c.terminology?.timeoutMs);
  return out;
}

/** `probe`'s options with the file's values filled in (the base URL comes from `server.baseUrl` when not given). */
export function withProbeConfig(opts: Options, cmd: Command, loaded: LoadedConfig | undefined): Options {
  if (!loaded) return opts;
  const c = loaded.config;
  const out = { ...opts };
  fillCommon(out, cmd, c);
  fill(out, cmd, 'timeout', c.server?.timeoutMs);
  fill(out, cmd, 'maxRequests', c.server?.maxRequests);
  fill(out, cmd, 'concurrency', c.server?.concurrency);
  fill(out, cmd, 'allowHttp', c.server?.allowHttp);
  fill(out, cmd, 'allowWrites', c.server?.allowWrites);
  return out;
}
