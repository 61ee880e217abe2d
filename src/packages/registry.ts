// Downloads FHIR packages into the FHIR package cache from a FHIR package registry or an npm-style registry.
// https://confluence.hl7.org/display/FHIR/FHIR+Package+Cache and https://registry.fhir.org
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { request } from 'undici';
import { fhirPackageCache } from '../util/cache-dir.js';

export interface RegistrySpec {
  url: string;
  /** `fhir`: GET {url}/{id}/{version} returns the tarball. `npm`: GET {url}/{id} returns metadata with dist.tarball. */
  kind: 'fhir' | 'npm';
}

export const DEFAULT_REGISTRIES: RegistrySpec[] = [
  { url: 'https://packages.fhir.org', kind: 'fhir' },
  { url: 'https://packages2.fhir.org/packages', kind: 'fhir' },
  { url: 'https://registry.npmjs.org', kind: 'npm' },
];

/** `npm`, `fhir`, or a URL (an npm registry when it serves npm metadata: `npm:` prefix forces it). */
export function parseRegistry(value: string): RegistrySpec[] {
  if (value === 'npm') return [{ url: 'https://registry.npmjs.org', kind: 'npm' }];
  if (value === 'fhir') return DEFAULT_REGISTRIES.filter((r) => r.kind === 'fhir');
  if (value.startsWith('npm:')) return [{ url: value.slice(4).replace(/\/$/, ''), kind: 'npm' }];
  return [{ url: value.replace(/\/$/, ''), kind: 'fhir' }];
}

export interface InstallResult {
  ref: string;
  status: 'installed' | 'cached' | 'failed';
  dir?: string;
  sha256?: string;
  source?: string;
  /** For failures: one line per registry tried, with advice. */
  reasons: string[];
}

const TIMEOUT_MS = 30_000;

function get(url: string) {
  return request(url, {
    method: 'GET', headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS,
    headers: { accept: 'application/tar+gzip, application/gzip, application/json;q=0.9, */*;q=0.1', 'user-agent': 'ukcore-check' },
  });
}
const MAX_BYTES = 512 * 1024 * 1024;

async function fetchBytes(first: string): Promise<Buffer> {
  let url = first;
  let res = await get(url);
  for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && hops < 5; hops++) {
    await res.body.dump();
    url = new URL(String(res.headers.location), url).toString();
    res = await get(url);
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`HTTP ${res.statusCode} from ${url}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += (chunk as Buffer).length;
    if (total > MAX_BYTES) throw new Error(`${url} is larger than ${MAX_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function tarballUrl(reg: RegistrySpec, id: string, version: string): Promise<{ url: string; integrity?: string }> {
  if (reg.kind === 'fhir') return { url: `${reg.url}/${id}/${version}` };
  const meta = JSON.parse((await fetchBytes(`${reg.url}/${encodeURIComponent(id)}`)).toString('utf8')) as Record<string, any>;
  const v = meta.versions?.[version];
  if (!v?.dist?.tarball) throw new Error(`${id}#${version} is not on ${reg.url}`);
  return { url: v.dist.tarball, integrity: v.dist.integrity };
}

function checkIntegrity(bytes: Buffer, integrity: string | undefined): void {
  if (!integrity) return;
  const [alg, expected] = integrity.split('-', 2) as [string, string];
  if (!['sha512', 'sha384', 'sha256', 'sha1'].includes(alg)) return;
  const actual = createHash(alg).update(bytes).digest('base64');
  if (actual !== expected) throw new Error(`integrity check failed (${alg})`);
}

/** Explains a network failure in terms a user on an NHS network can act on. */
export function networkAdvice(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string }; message?: string };
  const code = err.code ?? err.cause?.code ?? '';
  if (['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code)) {
    return `${code}: the registry cannot be reached (offline, or a proxy is needed: set HTTPS_PROXY)`;
  }
  if (/certificate|self.signed|UNABLE_TO_(GET|VERIFY)/i.test(`${code} ${err.message}`)) {
    return `${err.message}: TLS inspection on this network? Point NODE_EXTRA_CA_CERTS at your organisation's CA bundle`;
  }
  return err.message ?? String(e);
}

/** Installs `id#version` into `~/.fhir/packages/id#version/package` unless it is already there. */
export async function installPackage(ref: string, registries: RegistrySpec[] = DEFAULT_REGISTRIES): Promise<InstallResult> {
  const m = /^([a-z0-9][a-z0-9._-]*)#([A-Za-z0-9._-]+)$/i.exec(ref);
  if (!m) return { ref, status: 'failed', reasons: [`'${ref}' is not a package reference of the form id#version`] };
  const [, id, version] = m as unknown as [string, string, string];
  const target = path.join(fhirPackageCache(), `${id}#${version}`);
  if (existsSync(path.join(target, 'package', 'package.json'))) return { ref, status: 'cached', dir: target, reasons: [] };
  const reasons: string[] = [];
  for (const reg of registries) {
    try {
      const { url, integrity } = await tarballUrl(reg, id, version);
      const bytes = await fetchBytes(url);
      checkIntegrity(bytes, integrity);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      mkdirSync(fhirPackageCache(), { recursive: true });
      // Extract beside the cache and rename, so a half-written package never looks installed.
      const tmp = mkdtempSync(path.join(fhirPackageCache(), `.tmp-${id}-`));
      const file = path.join(tmp, 'package.tgz');
      writeFileSync(file, bytes);
      const dest = path.join(tmp, 'out');
      mkdirSync(dest);
      await tar.x({ file, cwd: dest, strict: true });
      if (!existsSync(path.join(dest, 'package', 'package.json'))) {
        rmSync(tmp, { recursive: true, force: true });
        throw new Error('the tarball has no package/package.json');
      }
      rmSync(target, { recursive: true, force: true });
      renameSync(dest, target);
      rmSync(tmp, { recursive: true, force: true });
      return { ref, status: 'installed', dir: target, sha256, source: url, reasons: [] };
    } catch (e) {
      reasons.push(`${reg.url}: ${networkAdvice(e)}`);
    }
  }
  return { ref, status: 'failed', reasons };
}

