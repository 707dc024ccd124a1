import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunCertificates {
  caCertificate: string;
  certificate: string;
  key: string;
}

/**
 * A throw-away certificate authority and a server certificate it signed for `names` (localhost and
 * 127.0.0.1), made with openssl for one run. Clients trust the CA file (NODE_EXTRA_CA_CERTS, curl --cacert),
 * never "insecure" mode: the test checks TLS as a browser would.
 */
export function makeCertificates(folder: string, names: string[]): RunCertificates {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const caKey = join(folder, 'ca.key');
  const caCertificate = join(folder, 'ca.crt');
  const key = join(folder, 'server.key');
  const request = join(folder, 'server.csr');
  const certificate = join(folder, 'server.crt');
  const extensions = join(folder, 'server.ext');
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', caKey);
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    caKey,
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=Trustmark topology test CA',
    '-out',
    caCertificate,
  );
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key);
  openssl('req', '-new', '-key', key, '-subj', `/CN=${names[0]}`, '-out', request);
  const alternatives = names.map((name) => (/^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  writeFileSync(
    extensions,
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${alternatives}\n`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    request,
    '-CA',
    caCertificate,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    extensions,
    '-out',
    certificate,
  );
  return { caCertificate, certificate, key };
}
