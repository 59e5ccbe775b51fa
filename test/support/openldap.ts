import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OpenLdap {
  url: string;
  baseDn: string;
  rootDn: string;
  rootPassword: string;
  /** Adds entries (LDIF text) as the directory's root user. */
  add(ldif: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A real OpenLDAP server (Debian's slapd, installed by .ci/run) of its own: a slapd.conf and an mdb
 * database in a temporary directory, listening on a free loopback port. Nothing of the system's slapd
 * or /etc/ldap is used but the schema files it ships. Fails loudly when slapd cannot run.
 */
export async function startOpenLdap(baseDn = 'dc=example,dc=org'): Promise<OpenLdap> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-slapd-'));
  mkdirSync(join(dir, 'data'));
  const rootDn = `cn=admin,${baseDn}`;
  const rootPassword = 'root-secret';
  writeFileSync(
    join(dir, 'slapd.conf'),
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      `pidfile ${join(dir, 'slapd.pid')}`,
      `argsfile ${join(dir, 'slapd.args')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'database mdb',
      `suffix "${baseDn}"`,
      `rootdn "${rootDn}"`,
      `rootpw ${rootPassword}`,
      `directory ${join(dir, 'data')}`,
      'maxsize 16777216',
      // Passwords may only be used to bind, never read back.
      'access to attrs=userPassword by self write by anonymous auth by * none',
      'access to * by users read by * none',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let output = '';
  let child: ChildProcess;
  try {
    // -d 0 keeps slapd in the foreground as our child, so it dies with the test run.
    child = spawn('slapd', ['-d', '0', '-h', url, '-f', join(dir, 'slapd.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `slapd could not be started (is Debian's slapd installed? see .ci/run): ${String(error)}`,
    );
  }
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailure = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`slapd could not be started (see .ci/run): ${error.message}`)),
    ),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const ldapAdd = async (ldif: string) => {
    const file = join(dir, `add-${Date.now()}-${Math.random().toString(36).slice(2)}.ldif`);
    writeFileSync(file, ldif);
    await run('ldapadd', ['-x', '-H', url, '-D', rootDn, '-w', rootPassword, '-f', file]);
  };
  try {
    await Promise.race([waitUntilAnswering(url, rootDn, rootPassword, () => output), spawnFailure]);
    await ldapAdd(
      `dn: ${baseDn}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: ${baseDn.split(',')[0]?.split('=')[1]}\n`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, baseDn, rootDn, rootPassword, add: ldapAdd, stop };
}

async function waitUntilAnswering(url: string, dn: string, password: string, output: () => string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await run('ldapwhoami', ['-x', '-H', url, '-D', dn, '-w', password]);
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`slapd did not answer on ${url}: ${String(error)}\nslapd said:\n${output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * A small directory: alice (with mail), bob (without), carol (in the admin group), a reader service
 * account, and mallory outside ou=people (for DN injection probes).
 */
export const sampleDirectory = (base: string) => `
dn: ou=people,${base}
objectClass: organizationalUnit
ou: people

dn: ou=robots,${base}
objectClass: organizationalUnit
ou: robots

dn: ou=groups,${base}
objectClass: organizationalUnit
ou: groups

dn: cn=reader,${base}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: reader
userPassword: reader-pass

dn: uid=alice,ou=people,${base}
objectClass: inetOrgPerson
uid: alice
cn: Alice Liddell
sn: Liddell
mail: alice@example.org
userPassword: alice-pass

dn: uid=bob,ou=people,${base}
objectClass: inetOrgPerson
uid: bob
cn: Bob
sn: Builder
userPassword: bob-pass

dn: uid=carol,ou=people,${base}
objectClass: inetOrgPerson
uid: carol
cn: Carol Admin
sn: Admin
mail: carol@example.org
userPassword: carol-pass

dn: uid=mallory,ou=robots,${base}
objectClass: inetOrgPerson
uid: mallory
cn: Mallory
sn: Robot
userPassword: mallory-pass

dn: cn=gatehouse-admins,ou=groups,${base}
objectClass: groupOfNames
cn: gatehouse-admins
member: uid=carol,ou=people,${base}
`;
