// A throw-away certificate authority and a server certificate for 127.0.0.1 it signed, made with the openssl CLI:
// what a stand-in HTTPS server needs so that a real client (kubectl) verifies it against certificate-authority-data.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestTls {
  /** PEM of the CA certificate. */
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** A CA and a server certificate for IP 127.0.0.1, localhost and `names`, valid for a day. */
export async function makeTestTls(names: string[] = []): Promise<TestTls> {
  const dir = await mkdtemp(join(tmpdir(), 'ea-tls-'));
  const at = (name: string) => join(dir, name);
  try {
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=ecr-auth test CA', '-keyout', at('ca.key'), '-out', at('ca.pem')]);
    await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', at('server.key'), '-out', at('server.csr')]);
    await writeFile(at('ext.cnf'), `subjectAltName=${['IP:127.0.0.1', 'DNS:localhost', ...names.map((n) => `DNS:${n}`)].join(',')}\nextendedKeyUsage=serverAuth\n`);
    await run('openssl', ['x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', at('ext.cnf'), '-out', at('server.pem')]);
    const [caPem, certPem, keyPem] = await Promise.all(['ca.pem', 'server.pem', 'server.key'].map((name) => readFile(at(name), 'utf8')));
    return { caPem: caPem!, certPem: certPem!, keyPem: keyPem! };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
