// The tool's own name and version, read once from package.json, for reports and --version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './shared-data.js';

let cached: { name: string; version: string } | undefined;

export function toolInfo(): { name: string; version: string } {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
    cached = { name: pkg.name, version: pkg.version };
  }
  return { ...cached };
}
