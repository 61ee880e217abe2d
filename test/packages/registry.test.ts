// `packages install` against real HTTP registries on loopback: FHIR-registry and npm-registry protocols, offline.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installPackage } from '../../src/packages/registry.js';

let tmp: string;
let tarball: Buffer;
let server: http.Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ukc-reg-'));
  const src = path.join(tmp, 'src');
  mkdirSync(path.join(src, 'package'), { recursive: true });
  writeFileSync(path.join(src, 'package', 'package.json'), JSON.stringify({ name: 'demo.pkg', version: '1.2.3' }));
  writeFileSync(path.join(src, 'package', 'ValueSet-x.json'), JSON.stringify({ resourceType: 'ValueSet', id: 'x', url: 'http://e.org/vs', status: 'active' }));
  const file = path.join(tmp, 'demo.tgz');
  await tar.c({ gzip: true, file, cwd: src }, ['package']);
  tarball = readFileSync(file);
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    if (req.url === '/fhir/demo.pkg/1.2.3') res.writeHead(200, { 'content-type': 'application/tar+gzip' }).end(tarball);
    else if (req.url === '/fhir/moved/1.0.0') res.writeHead(302, { location: '/fhir/demo.pkg/1.2.3' }).end();
    else if (req.url === '/npm/demo.pkg') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ versions: { '1.2.3': { dist: { tarball: `${base}/npm/demo.pkg/-/demo.pkg-1.2.3.tgz`, integrity } } } }));
    else if (req.url === '/npm/bad.pkg') res.writeHead(200).end(JSON.stringify({ versions: { '1.2.3': { dist: { tarball: `${base}/npm/demo.pkg/-/demo.pkg-1.2.3.tgz`, integrity: 'sha512-AAAA' } } } }));
    else if (req.url === '/npm/demo.pkg/-/demo.pkg-1.2.3.tgz') res.writeHead(200).end(tarball);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  process.env.FHIR_PACKAGE_CACHE = mkdtempSync(path.join(tmp, 'cache-'));
});

describe('installPackage', () => {
  it('downloads from a FHIR package registry into the FHIR package cache', async () => {
    const r = await installPackage('demo.pkg#1.2.3', [{ url: `${base}/fhir`, kind: 'fhir' }]);
    expect(r.status).toBe('installed');
    expect(existsSync(path.join(process.env.FHIR_PACKAGE_CACHE!, 'demo.pkg#1.2.3', 'package', 'ValueSet-x.json'))).toBe(true);
    expect(r.sha256).toBe(createHash('sha256').update(tarball).digest('hex'));
    const again = await installPackage('demo.pkg#1.2.3', [{ url: `${base}/fhir`, kind: 'fhir' }]);
    expect(again.status).toBe('cached');
  });

  it('uses the npm protocol (metadata, tarball, integrity) and falls through registries in order', async () => {
    const r = await installPackage('demo.pkg#1.2.3', [{ url: `${base}/missing`, kind: 'fhir' }, { url: `${base}/npm`, kind: 'npm' }]);
    expect(r.status).toBe('installed');
    expect(r.reasons).toEqual([]);
  });

  it('rejects a tarball whose integrity does not match', async () => {
    const r = await installPackage('bad.pkg#1.2.3', [{ url: `${base}/npm`, kind: 'npm' }]);
    expect(r.status).toBe('failed');
    expect(r.reasons[0]).toContain('integrity check failed');
  });

  it('fails with advice when no registry can be reached (offline)', async () => {
    const r = await installPackage('demo.pkg#1.2.3', [{ url: 'http://127.0.0.1:1', kind: 'fhir' }]);
    expect(r.status).toBe('failed');
    expect(r.reasons[0]).toMatch(/ECONNREFUSED: the registry cannot be reached/);
  });

  it('refuses a malformed reference without network access', async () => {
    const before = requests.length;
    const r = await installPackage('no-version', [{ url: `${base}/fhir`, kind: 'fhir' }]);
    expect(r.status).toBe('failed');
    expect(requests.length).toBe(before);
  });
});
