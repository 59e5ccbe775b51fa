import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenLdap, sampleDirectory, startOpenLdap } from '../../../test/support/openldap.js';
import { type LdapConfig, ldapConfigSchema } from '../../config/login-config.js';
import { createLdapDirectory } from './ldap-directory.js';
import { escapeDnValue, escapeFilterValue } from './ldap-escape.js';

describe('LDAP directory against a real OpenLDAP server', () => {
  let ldap: OpenLdap;
  beforeAll(async () => {
    ldap = await startOpenLdap();
    await ldap.add(sampleDirectory(ldap.baseDn));
  }, 60_000);
  afterAll(async () => {
    await ldap?.stop();
  });

  const searchMode = (): LdapConfig =>
    ldapConfigSchema.parse({
      url: ldap.url,
      bindDN: `cn=reader,${ldap.baseDn}`,
      bindPassword: 'reader-pass',
      searchBase: `ou=people,${ldap.baseDn}`,
      searchFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
      adminGroupDN: `cn=gatehouse-admins,ou=groups,${ldap.baseDn}`,
    });
  const templateMode = (): LdapConfig =>
    ldapConfigSchema.parse({
      url: ldap.url,
      userDnTemplate: `uid={username},ou=people,${ldap.baseDn}`,
      adminGroupDN: `cn=gatehouse-admins,ou=groups,${ldap.baseDn}`,
    });

  describe.each([
    ['search', searchMode],
    ['DN template', templateMode],
  ] as const)('%s mode', (_mode, config) => {
    it('accepts the right password and reads the mapped attributes and the admin group', async () => {
      const directory = createLdapDirectory(config());
      expect(await directory.authenticate('alice', 'alice-pass')).toEqual({
        dn: `uid=alice,ou=people,${ldap.baseDn}`,
        username: 'alice',
        email: 'alice@example.org',
        displayName: 'Alice Liddell',
        isAdmin: false,
      });
      expect(await directory.authenticate('carol', 'carol-pass')).toMatchObject({
        username: 'carol',
        isAdmin: true,
      });
      expect(await directory.authenticate('bob', 'bob-pass')).toMatchObject({
        email: null,
        displayName: 'Bob',
      });
    });

    it('refuses a wrong, empty or other user password, and unknown users', async () => {
      const directory = createLdapDirectory(config());
      expect(await directory.authenticate('alice', 'bob-pass')).toBeNull();
      expect(await directory.authenticate('alice', '')).toBeNull();
      expect(await directory.authenticate('nobody', 'alice-pass')).toBeNull();
      expect(await directory.authenticate('', 'alice-pass')).toBeNull();
    });

    it('is not fooled by filter or DN injection in the name', async () => {
      const directory = createLdapDirectory(config());
      for (const name of [
        '*',
        'b*',
        '*)(uid=*',
        'bob)(|(uid=*',
        'alice)(objectClass=*',
        `mallory,ou=robots,${ldap.baseDn}`,
        'mallory,ou=robots',
        'bob\\',
        'bob\u0000',
        '\\2a',
      ]) {
        for (const password of ['bob-pass', 'mallory-pass', 'alice-pass']) {
          expect(await directory.authenticate(name, password), `${name} / ${password}`).toBeNull();
        }
      }
    });
  });

  it('returns the directory spelling of a name LDAP matches loosely', async () => {
    const directory = createLdapDirectory(searchMode());
    expect(await directory.authenticate('ALICE', 'alice-pass')).toMatchObject({ username: 'alice' });
  });

  it('leaves the role alone when no admin group is configured', async () => {
    const { adminGroupDN: _ignored, ...rest } = searchMode();
    expect(await createLdapDirectory({ ...rest }).authenticate('carol', 'carol-pass')).toMatchObject({
      isAdmin: null,
    });
  });

  it('throws (an outage, not a wrong password) when the service account is refused or the server is down', async () => {
    await expect(
      createLdapDirectory({ ...searchMode(), bindPassword: 'wrong' }).authenticate('alice', 'alice-pass'),
    ).rejects.toThrow();
    await expect(
      createLdapDirectory({ ...searchMode(), url: 'ldap://127.0.0.1:1', timeoutMs: 2000 }).authenticate(
        'alice',
        'alice-pass',
      ),
    ).rejects.toThrow();
  });
});

describe('LDAP escaping', () => {
  it('escapes filter values (RFC 4515)', () => {
    expect(escapeFilterValue('a*b(c)d\\e\u0000')).toBe('a\\2ab\\28c\\29d\\5ce\\00');
    expect(escapeFilterValue('plain.name-1')).toBe('plain.name-1');
  });

  it('escapes DN attribute values (RFC 4514)', () => {
    expect(escapeDnValue('a,b+c"d\\e<f>g;h=i')).toBe('a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i');
    expect(escapeDnValue('#lead')).toBe('\\#lead');
    expect(escapeDnValue(' both ')).toBe('\\ both\\ ');
    expect(escapeDnValue('x\\ ')).toBe('x\\\\\\ ');
    expect(escapeDnValue('nul\u0000')).toBe('nul\\00');
  });
});
