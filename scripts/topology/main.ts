import { startTopology } from './topology';

/**
 * npm run topology
 * Starts README.md's production topology on this machine — nginx with TLS in front of two instances on
 * PostgreSQL 15, from the files in deploy/ — prints where it runs, and keeps it up until Ctrl-C.
 */
const started = performance.now();
const topology = await startTopology();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  [
    `The topology is up (${seconds} s), rendered from deploy/ into ${topology.folder}:`,
    `  ${topology.baseUrl}   nginx, TLS by a throw-away CA: ${topology.certificates.caCertificate}`,
    `  ${topology.httpUrl}    redirects to HTTPS`,
    ...topology.instances.map(
      (instance, at) => `  ${instance.url}    instance ${at + 1} (trustmark@${instance.port})`,
    ),
    `  PostgreSQL database ${new URL(topology.database.url).pathname.slice(1)}`,
    `Try: curl --cacert ${topology.certificates.caCertificate} -I ${topology.baseUrl}/en`,
    'Demo accounts:',
    ...topology.demoAccounts.map(
      (account) => `  ${account.role.padEnd(10)} ${account.email.padEnd(32)} ${account.password}`,
    ),
    'Ctrl-C stops everything and removes the run folder and database.',
    '',
  ].join('\n'),
);
const stop = () => {
  void topology.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
