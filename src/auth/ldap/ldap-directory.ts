import { Client, type Entry, InvalidCredentialsError } from 'ldapts';
import type { LdapConfig } from '../../config/login-config.js';
import { escapeDnValue, escapeFilterValue } from './ldap-escape.js';

/** What the directory says about a user whose password it accepted. */
export interface DirectoryUser {
  dn: string;
  /** The name as the directory spells it (LDAP matching ignores case and extra spaces). */
  username: string;
  email: string | null;
  displayName: string | null;
  /** Null when no admin group is configured (the role is then left as it is). */
  isAdmin: boolean | null;
}

export interface LdapDirectory {
  /**
   * The user the name and password prove, or null when they prove nobody. Throws when the directory
   * cannot be reached or refuses the service account: that is an outage, not a wrong password.
   */
  authenticate(username: string, password: string): Promise<DirectoryUser | null>;
}

// Printable names only: control characters have no business in a login name.
const plausibleName = /^[^\p{Cc}]{1,256}$/u;

function firstValue(entry: Entry, attribute: string): string | null {
  const value = entry[attribute];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return null;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

export function createLdapDirectory(config: LdapConfig): LdapDirectory {
  const attributes = [config.attributes.username, config.attributes.email, config.attributes.displayName];
  const connect = () =>
    new Client({ url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs });

  /** Binds as the user; false for a wrong password, throws for anything else. */
  async function bindsAs(client: Client, dn: string, password: string): Promise<boolean> {
    try {
      await client.bind(dn, password);
      return true;
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return false;
      throw error;
    }
  }

  /** The user's entry found by the service account, or null unless exactly one entry matches. */
  async function findEntry(client: Client, username: string): Promise<Entry | null> {
    await client.bind(config.bindDN as string, config.bindPassword ?? '');
    const { searchEntries } = await client.search(config.searchBase as string, {
      scope: 'sub',
      filter: config.searchFilter.replaceAll('{username}', escapeFilterValue(username)),
      attributes,
      sizeLimit: 2,
    });
    return searchEntries.length === 1 ? (searchEntries[0] as Entry) : null;
  }

  async function isMember(client: Client, dn: string): Promise<boolean | null> {
    if (!config.adminGroupDN) return null;
    const member = escapeFilterValue(dn);
    const { searchEntries } = await client.search(config.adminGroupDN, {
      scope: 'base',
      filter: `(|(member=${member})(uniqueMember=${member}))`,
      attributes: ['1.1'],
    });
    return searchEntries.length > 0;
  }

  return {
    async authenticate(username, password) {
      // An empty password would be an "unauthenticated bind", which LDAP servers answer with success.
      if (!password || !plausibleName.test(username)) return null;
      const service = connect();
      const user = connect();
      try {
        if (config.userDnTemplate) {
          const dn = config.userDnTemplate.replaceAll('{username}', escapeDnValue(username));
          if (!(await bindsAs(user, dn, password))) return null;
          const { searchEntries } = await user.search(dn, { scope: 'base', attributes });
          const entry = searchEntries[0];
          const described = entry && describe(entry);
          if (!entry || !described) return null;
          return { dn: entry.dn, ...described, isAdmin: await isMember(user, entry.dn) };
        }
        const entry = await findEntry(service, username);
        const described = entry && describe(entry);
        if (!entry || !described || !(await bindsAs(user, entry.dn, password))) return null;
        return { dn: entry.dn, ...described, isAdmin: await isMember(service, entry.dn) };
      } finally {
        await Promise.allSettled([service.unbind(), user.unbind()]);
      }
    },
  };

  /** Null when the entry has no username attribute (it cannot be a Gatehouse user). */
  function describe(entry: Entry) {
    const username = firstValue(entry, config.attributes.username);
    if (!username) return null;
    return {
      username,
      email: firstValue(entry, config.attributes.email),
      displayName: firstValue(entry, config.attributes.displayName),
    };
  }
}
