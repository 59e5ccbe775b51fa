/**
 * Escaping for values put into LDAP filters and DNs, so a login name cannot change the query: a name
 * like `*` or `x)(uid=*` must match nobody, and `x,ou=admins` must not move the DN elsewhere.
 */

/** RFC 4515 §3: `*`, `(`, `)`, `\` and NUL become `\XX` in a filter assertion value. */
export function escapeFilterValue(value: string): string {
  return value.replace(
    /[*()\\\0]/g,
    (character) => `\\${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * RFC 4514 §2.4: in an attribute value of a DN, `"+,;<>\=` are escaped with a backslash, a leading
 * `#` or space and a trailing space too, and NUL as `\00`.
 */
export function escapeDnValue(value: string): string {
  const characters = [...value];
  return characters
    .map((character, index) => {
      if (character === '\0') return '\\00';
      if ('"+,;<>\\='.includes(character)) return `\\${character}`;
      if (index === 0 && (character === '#' || character === ' ')) return `\\${character}`;
      if (index === characters.length - 1 && character === ' ') return '\\ ';
      return character;
    })
    .join('');
}
