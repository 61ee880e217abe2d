// Reads the --cert/--key/--ca files into TLS material for the HTTP client (PEM text stays in memory only).
import { readFile } from 'node:fs/promises';
import type { TlsMaterial } from './types.js';

export async function loadTlsMaterial(paths: { cert?: string; key?: string; ca?: string }): Promise<TlsMaterial> {
  const read = (p?: string) => (p ? readFile(p) : Promise.resolve(undefined));
  const [cert, key, ca] = await Promise.all([read(paths.cert), read(paths.key), read(paths.ca)]);
  const out: TlsMaterial = {};
  if (cert) out.cert = cert;
  if (key) out.key = key;
  if (ca) out.ca = ca;
  return out;
}
