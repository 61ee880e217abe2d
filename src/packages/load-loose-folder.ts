// Loads a folder of loose conformance resources in JSON or XML (e.g. UK Core's source layout) as a package.
// XML is converted to JSON once and cached, keyed by a fingerprint of the folder's files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Issue } from '../model/issue.js';
import { readJson } from '../parse/json.js';
import { readFhirXml } from '../parse/xml/index.js';
import type { XmlSchema } from '../parse/xml/xml-schema.js';
import { cacheDir } from '../util/cache-dir.js';
import { packageRules } from './package-rules.js';
import { CONFORMANCE_TYPES, indexEntryFor, type IndexEntry, type LoadedPackage } from './package-types.js';

const FORMAT = 1;

interface LooseManifest {
  format: number;
  fingerprint: string;
  sha256: string;
  entries: IndexEntry[];
  issues: Issue[];
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const r = rel ? `${rel}/${name}` : name;
    const st = statSync(path.join(dir, r));
    if (st.isDirectory()) out.push(...listFiles(dir, r));
    else if (/\.(json|xml)$/i.test(name) && name !== 'package.json' && name !== 'package-lock.json') out.push(r);
  }
  return out;
}

/**
 * Reads every .json/.xml file below `dir`, keeps conformance resources (examples and other resources are
 * ignored), and returns them as a package. `id`/`version` come from a package.json in the folder if any.
 */
export function loadLooseFolder(dir: string, xmlSchema: XmlSchema): { pkg: LoadedPackage; issues: Issue[] } {
  const files = listFiles(dir);
  const fp = createHash('sha256');
  for (const f of files) {
    const st = statSync(path.join(dir, f));
    fp.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  const fingerprint = fp.digest('hex');
  let manifestJson: Record<string, any> = {};
  if (existsSync(path.join(dir, 'package.json'))) {
    try {
      manifestJson = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      manifestJson = {};
    }
  }
  const id = String(manifestJson.name ?? path.basename(path.resolve(dir)));
  const version = String(manifestJson.version ?? '0.0.0');
  const root = cacheDir('loose', fingerprint.slice(0, 24));
  const manifestPath = root ? path.join(root, 'manifest.json') : undefined;
  let manifest: LooseManifest | undefined;
  if (manifestPath && existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as LooseManifest;
      if (m.format === FORMAT && m.fingerprint === fingerprint) manifest = m;
    } catch {
      manifest = undefined;
    }
  }
  const memory = new Map<string, Record<string, unknown>>();
  if (!manifest) {
    const hash = createHash('sha256');
    const entries: IndexEntry[] = [];
    const issues: Issue[] = [];
    for (const f of files) {
      const bytes = readFileSync(path.join(dir, f));
      hash.update(f).update('\0').update(bytes);
      const text = bytes.toString('utf8');
      let resource: Record<string, unknown> | undefined;
      let reason: string | undefined;
      if (/\.xml$/i.test(f)) {
        const out = readFhirXml(text, path.join(dir, f), xmlSchema);
        const fatal = out.issues.find((i) => i.severity === 'fatal');
        if (fatal) reason = fatal.message;
        else resource = out.resources[0]?.value;
      } else {
        const out = readJson(text, path.join(dir, f));
        if (!out.ok) reason = out.issues[0]?.message;
        else resource = out.value as Record<string, unknown>;
      }
      if (!resource) {
        // One unreadable file does not stop the package from loading: a warning, not fatal.
        issues.push(packageRules.unreadablePackage.issue({ messageId: 'invalidResource', severity: 'warning', data: { file: f, source: dir, reason: reason ?? 'no resource' }, location: { source: path.join(dir, f) } }));
        continue;
      }
      if (!CONFORMANCE_TYPES.has(String(resource.resourceType))) continue;
      const cacheName = `${entries.length}-${String(resource.resourceType)}-${safe(String(resource.id ?? 'x'))}.json`;
      entries.push(indexEntryFor(resource, cacheName));
      memory.set(cacheName, resource);
      if (root) {
        try {
          writeFileSync(path.join(root, cacheName), JSON.stringify(resource));
        } catch {
          // the in-memory copy still serves this run
        }
      }
    }
    manifest = { format: FORMAT, fingerprint, sha256: hash.digest('hex'), entries, issues };
    if (root && manifestPath) {
      try {
        mkdirSync(root, { recursive: true });
        writeFileSync(manifestPath, JSON.stringify(manifest));
      } catch {
        // caching is an optimisation
      }
    }
  }
  const pkg: LoadedPackage = {
    id,
    version,
    source: path.resolve(dir),
    sha256: manifest.sha256,
    fhirVersions: Array.isArray(manifestJson.fhirVersions) ? manifestJson.fhirVersions.map(String) : ['4.0.1'],
    dependencies: (manifestJson.dependencies ?? {}) as Record<string, string>,
    entries: manifest.entries,
    read: (entry) => memory.get(entry.filename) ?? JSON.parse(readFileSync(path.join(root!, entry.filename), 'utf8')),
  };
  return { pkg, issues: manifest.issues };
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
}
