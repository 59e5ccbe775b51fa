import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedUser } from '../support/console-session.js';
import { configFile, type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type OpenLdap, sampleDirectory, startOpenLdap } from '../support/openldap.js';

describe('LDAP login against a real OpenLDAP server', () => {
  let ldap: OpenLdap;
  let gate: RunningGatehouse;
  beforeAll(async () => {
    ldap = await startOpenLdap();
    await ldap.add(sampleDirectory(ldap.baseDn));
    const yaml = [
      'auth:',
      '  ldap:',
      `    url: ${ldap.url}`,
      `    bindDN: cn=reader,${ldap.baseDn}`,
      '    bindPassword: reader-pass',
      `    searchBase: ou=people,${ldap.baseDn}`,
      '    searchFilter: (&(objectClass=inetOrgPerson)(uid={username}))',
      `    adminGroupDN: cn=gatehouse-admins,ou=groups,${ldap.baseDn}`,
      '',
    ].join('\n');
    gate = await startGatehouse({
      GATEHOUSE_CONFIG: configFile(yaml),
      GATEHOUSE_ADMIN_PASSWORD: 'local-admin-pass',
    });
    // A local user whose name the directory also has: only the local password may log it in.
    await seedUser(gate, { username: 'bob', password: 'local-bob-pass' });
  }, 60_000);
  afterAll(async () => {
    await gate?.close();
    await ldap?.stop();
  });

  it('creates a directory user on first login, with mail, display name and role from the directory', async () => {
    const response = await login(gate, 'alice', 'alice-pass');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      user: { username: 'alice', role: 'user', email: 'alice@example.org', displayName: 'Alice Liddell' },
    });
    const admin = await login(gate, 'carol', 'carol-pass');
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ user: { username: 'carol', role: 'admin' } });
    // Logging in again finds the same user.
    const again = await login(gate, 'ALICE', 'alice-pass');
    expect(await again.json()).toMatchObject({ user: { username: 'alice' } });
    const users = await gate.gatehouse.admin.users.list();
    expect(users.filter((user) => user.username === 'alice')).toHaveLength(1);
  });

  it('keeps local users local', async () => {
    expect((await login(gate, 'admin', 'local-admin-pass')).status).toBe(200);
    expect((await login(gate, 'bob', 'local-bob-pass')).status).toBe(200);
    expect((await login(gate, 'bob', 'bob-pass')).status).toBe(401);
  });

  it('refuses wrong passwords and injected names', async () => {
    expect((await login(gate, 'alice', 'wrong')).status).toBe(401);
    for (const name of ['*', 'a*', 'alice)(uid=*', '*)(|(uid=*', `mallory,ou=robots,${ldap.baseDn}`]) {
      const response = await login(gate, name, 'alice-pass');
      expect(response.status, name).toBe(401);
    }
  });
});

describe('LDAP login with the directory down', () => {
  it('fails the login and logs why, without crashing', async () => {
    const yaml = [
      'auth:',
      '  ldap:',
      '    url: ldap://127.0.0.1:1',
      '    userDnTemplate: uid={username},dc=x',
      '    timeoutMs: 2000',
      '',
    ].join('\n');
    const gate = await startGatehouse({ GATEHOUSE_CONFIG: configFile(yaml) });
    try {
      expect((await login(gate, 'alice', 'alice-pass')).status).toBe(401);
      expect(gate.logs.join('')).toContain('LDAP login failed');
    } finally {
      await gate.close();
    }
  });
});
