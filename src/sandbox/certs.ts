// Test certificates made at run time with the openssl CLI (node:crypto cannot issue X.509 certificates).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KeyPair {
  cert: string;
  key: string;
}

export interface TestPki {
  /** The CA that signs the server and client certificates (give it to the client as `ca`). */
  ca: KeyPair;
  /** Server certificate for 127.0.0.1 / localhost. */
  server: KeyPair;
  /** Client certificate for mutual TLS. */
  client: KeyPair;
}

/** True when an `openssl` binary can be run. */
export async function hasOpenssl(): Promise<boolean> {
  try {
    await run('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const SAN = 'subjectAltName=IP:127.0.0.1,DNS:localhost';

/** A self-signed certificate for 127.0.0.1/localhost, valid for two days; undefined when openssl is missing. */
export async function selfSignedCertificate(): Promise<KeyPair | undefined> {
  if (!(await hasOpenssl())) return undefined;
  const dir = await mkdtemp(path.join(tmpdir(), 'ukcore-cert-'));
  try {
    await run('openssl', ['req', '-x509', ...EC, '-days', '2', '-subj', '/CN=localhost', '-addext', SAN,
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')]);
    return { cert: await readFile(path.join(dir, 'cert.pem'), 'utf8'), key: await readFile(path.join(dir, 'key.pem'), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A throw-away CA with a server and a client certificate; undefined when openssl is missing. */
export async function testPki(): Promise<TestPki | undefined> {
  if (!(await hasOpenssl())) return undefined;
  const dir = await mkdtemp(path.join(tmpdir(), 'ukcore-pki-'));
  const f = (name: string) => path.join(dir, name);
  try {
    await run('openssl', ['req', '-x509', ...EC, '-days', '2', '-subj', '/CN=ukcore-check test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout', f('ca.key'), '-out', f('ca.pem')]);
    const issue = async (name: string, subject: string, ext: string) => {
      await run('openssl', ['req', ...EC, '-subj', subject, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`)]);
      await writeFile(f(`${name}.ext`), ext);
      await run('openssl', ['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'),
        '-CAcreateserial', '-days', '2', '-extfile', f(`${name}.ext`), '-out', f(`${name}.pem`)]);
      return { cert: await readFile(f(`${name}.pem`), 'utf8'), key: await readFile(f(`${name}.key`), 'utf8') };
    };
    const server = await issue('server', '/CN=localhost', `${SAN}\nextendedKeyUsage=serverAuth\n`);
    const client = await issue('client', '/CN=ukcore-check test client', 'extendedKeyUsage=clientAuth\n');
    const ca = { cert: await readFile(f('ca.pem'), 'utf8'), key: await readFile(f('ca.key'), 'utf8') };
    return { ca, server, client };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
