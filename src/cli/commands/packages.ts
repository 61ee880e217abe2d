// `ukcore-check packages install|list`: fill and inspect the FHIR package cache (for offline CI runners).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { fhirPackageCache } from '../../util/cache-dir.js';
import { UsageError } from '../errors.js';
import { collect } from './validate.js';

export function registerPackages(program: Command, run: (code: Promise<number>) => void): void {
  const packages = program.command('packages').description('manage the FHIR package cache (~/.fhir/packages or $FHIR_PACKAGE_CACHE)');
  packages
    .command('install')
    .description('download FHIR packages (id#version) into the FHIR package cache')
    .argument('<refs...>', 'package references such as hl7.terminology.r4#7.0.1')
    .option('--registry <url|npm|fhir>', 'registry to use instead of the defaults (repeatable; npm:<url> for an npm-style registry)', collect, [])
    .action((refs: string[], opts: { registry: string[] }) => run(install(refs, opts.registry)));
  packages
    .command('list')
    .description('list the packages in the FHIR package cache')
    .action(() => run(list()));
}

async function install(refs: string[], registryArgs: string[]): Promise<number> {
  // The HTTP client is loaded only when something is downloaded.
  const { DEFAULT_REGISTRIES, installPackage, parseRegistry } = await import('../../packages/registry.js');
  const registries = registryArgs.length ? registryArgs.flatMap(parseRegistry) : DEFAULT_REGISTRIES;
  const failed: string[] = [];
  for (const ref of refs) {
    const r = await installPackage(ref, registries);
    if (r.status === 'failed') failed.push(`${ref} could not be installed:\n    ${r.reasons.join('\n    ')}`);
    else process.stdout.write(`${r.status === 'cached' ? 'already cached' : 'installed'} ${ref} → ${r.dir}${r.sha256 ? ` (sha256 ${r.sha256})` : ''}\n`);
  }
  if (failed.length) throw new UsageError(failed.join('\n  '), 'offline? copy the package folder into the FHIR package cache, or pass the .tgz with --ig');
  return 0;
}

async function list(): Promise<number> {
  const root = fhirPackageCache();
  const names = existsSync(root) ? readdirSync(root).filter((n) => n.includes('#') && !n.startsWith('.')).sort() : [];
  if (names.length === 0) process.stdout.write(`no packages in ${root}\n`);
  for (const n of names) {
    const manifest = path.join(root, n, 'package', 'package.json');
    const ok = existsSync(manifest);
    let title = '';
    if (ok) {
      try {
        title = String((JSON.parse(readFileSync(manifest, 'utf8')) as { title?: string }).title ?? '');
      } catch {
        title = '(unreadable package.json)';
      }
    }
    process.stdout.write(`${n}${ok ? '' : '  (incomplete: no package/package.json)'}${title ? `  ${title}` : ''}\n`);
  }
  return 0;
}
