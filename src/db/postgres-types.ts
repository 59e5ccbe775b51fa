import pg from 'pg';

const { builtins } = pg.types;

/**
 * Epoch milliseconds and token counts live in `bigint` (int8) columns, and `count(*)` is int8 too.
 * node-postgres returns int8 as a string because it can exceed 2^53; ours never come near that
 * (epoch ms reach 2^53 in the year 287,396), so they are read as numbers, and a value that would
 * lose precision fails the query instead of being rounded silently.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`PostgreSQL bigint ${text} is outside JavaScript's safe integer range`);
  }
  return value;
}

/**
 * `numeric` comes from aggregates (`sum` over a bigint column is numeric in PostgreSQL). Costs and
 * token sums are computed as doubles everywhere else in Gatehouse, so a double is what callers want.
 */
function parseNumeric(text: string): number {
  return Number(text);
}

/**
 * The type parsers for Gatehouse's own pool. Given to `new Pool({ types })` rather than installed with
 * `pg.types.setTypeParser`, which would change every other pg user in the process. `double
 * precision` and `integer` already come back as numbers from pg's defaults.
 */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser(oid, format) {
    if (format !== 'binary') {
      if (oid === builtins.INT8) return parseInt8;
      if (oid === builtins.NUMERIC) return parseNumeric;
    }
    return pg.types.getTypeParser(oid, format);
  },
};
