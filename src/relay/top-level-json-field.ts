/**
 * Finds one top-level member of a JSON object body without parsing the whole body.
 *
 * The pass-through path must forward the caller's bytes untouched (thinking signatures and prompt-cache
 * prefixes depend on it) and only needs the `model` member to route. Claude Code puts `model` first in
 * a body that is often over 100 KB, so walking members until the wanted one is found costs next to
 * nothing, where `JSON.parse` would cost a full parse per request. The walk is structural (strings,
 * escapes, nesting) and reports a malformed object instead of guessing; full validation of the rest of
 * the body is left to the upstream, whose own 400 is relayed.
 */
export interface ValueRange {
  /** Byte offset of the value's first byte. */
  start: number;
  /** Byte offset just past the value's last byte. */
  end: number;
}

export type FieldLookup = { found: true; range: ValueRange } | { found: false; malformed: boolean };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

class MalformedJson extends Error {}

function isWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipWhitespace(body: Buffer, position: number): number {
  let at = position;
  while (isWhitespace(body[at])) at += 1;
  return at;
}

/** `position` is at an opening quote; returns the offset just past the closing quote. */
function skipString(body: Buffer, position: number): number {
  let at = position + 1;
  for (;;) {
    const quote = body.indexOf(QUOTE, at);
    if (quote === -1) throw new MalformedJson();
    let backslashes = 0;
    while (body[quote - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** `position` is at `{` or `[`; returns the offset just past the matching close. */
function skipContainer(body: Buffer, position: number): number {
  let depth = 0;
  let at = position;
  while (at < body.length) {
    const byte = body[at];
    if (byte === QUOTE) {
      at = skipString(body, at);
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
    at += 1;
  }
  throw new MalformedJson();
}

/** Numbers, true, false, null: up to the next delimiter. */
function skipScalar(body: Buffer, position: number): number {
  let at = position;
  while (at < body.length) {
    const byte = body[at];
    if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isWhitespace(byte)) break;
    at += 1;
  }
  if (at === position) throw new MalformedJson();
  return at;
}

function skipValue(body: Buffer, position: number): number {
  const byte = body[position];
  if (byte === QUOTE) return skipString(body, position);
  if (byte === OPEN_BRACE || byte === OPEN_BRACKET) return skipContainer(body, position);
  return skipScalar(body, position);
}

function readKey(body: Buffer, start: number, end: number): string {
  const raw = body.toString('utf8', start + 1, end - 1);
  // Escaped keys are rare; JSON.parse decodes them exactly.
  return raw.includes('\\') ? (JSON.parse(body.toString('utf8', start, end)) as string) : raw;
}

/**
 * Whether the key between `start` (its opening quote) and `end` (past its closing quote) is `name`,
 * compared byte for byte without making a string (ASCII names, as every name asked for here is); an
 * escaped key is decoded first.
 */
function keyEquals(body: Buffer, start: number, end: number, name: string): boolean {
  for (let at = start + 1; at < end - 1; at += 1) {
    if (body[at] === BACKSLASH) return readKey(body, start, end) === name;
  }
  if (end - start - 2 !== name.length) return false;
  for (let index = 0; index < name.length; index += 1) {
    if (body[start + 1 + index] !== name.charCodeAt(index)) return false;
  }
  return true;
}

type MemberVisitor = (keyStart: number, keyEnd: number, range: ValueRange) => boolean;

/** Calls `visit` for each top-level member until it returns true (stop) or the object ends. */
function walkMembers(body: Buffer, visit: MemberVisitor): void {
  let at = skipWhitespace(body, body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0);
  if (body[at] !== OPEN_BRACE) throw new MalformedJson();
  at = skipWhitespace(body, at + 1);
  if (body[at] === CLOSE_BRACE) return;
  for (;;) {
    if (body[at] !== QUOTE) throw new MalformedJson();
    const keyStart = at;
    const keyEnd = skipString(body, at);
    at = skipWhitespace(body, keyEnd);
    if (body[at] !== COLON) throw new MalformedJson();
    const valueStart = skipWhitespace(body, at + 1);
    const valueEnd = skipValue(body, valueStart);
    if (visit(keyStart, keyEnd, { start: valueStart, end: valueEnd })) return;
    at = skipWhitespace(body, valueEnd);
    if (body[at] === CLOSE_BRACE) return;
    if (body[at] !== COMMA) throw new MalformedJson();
    at = skipWhitespace(body, at + 1);
  }
}

function isMalformed(error: unknown): boolean {
  return error instanceof MalformedJson || error instanceof SyntaxError;
}

export function findTopLevelField(body: Buffer, name: string): FieldLookup {
  let found: ValueRange | undefined;
  try {
    walkMembers(body, (keyStart, keyEnd, range) => {
      if (!keyEquals(body, keyStart, keyEnd, name)) return false;
      found = range;
      return true;
    });
  } catch (error) {
    if (isMalformed(error)) return { found: false, malformed: true };
    throw error;
  }
  return found ? { found: true, range: found } : { found: false, malformed: false };
}

/**
 * The named top-level members' values, parsed, walking the body once and stopping when all are found;
 * undefined when the body is not a JSON object. Nested values the caller does not ask for are skipped
 * structurally, never parsed.
 */
export function readTopLevelFields(
  body: Buffer,
  names: readonly string[],
): Record<string, unknown> | undefined {
  const ranges = findTopLevelRanges(body, names);
  if (!ranges) return undefined;
  const values: Record<string, unknown> = {};
  for (const [name, range] of ranges)
    values[name] = JSON.parse(body.toString('utf8', range.start, range.end));
  return values;
}

/** The ranges of the named top-level members, in one walk that stops once all are found. */
export function findTopLevelRanges(
  body: Buffer,
  names: readonly string[],
): Map<string, ValueRange> | undefined {
  const ranges = new Map<string, ValueRange>();
  try {
    walkMembers(body, (keyStart, keyEnd, range) => {
      const name = names.find(
        (candidate) => !ranges.has(candidate) && keyEquals(body, keyStart, keyEnd, candidate),
      );
      if (name === undefined) return false;
      ranges.set(name, range);
      return ranges.size === names.length;
    });
  } catch (error) {
    if (isMalformed(error)) return undefined;
    throw error;
  }
  return ranges;
}

/** The value at `range` as a string, or undefined when it is not a JSON string. */
export function readStringValue(body: Buffer, range: ValueRange): string | undefined {
  if (body[range.start] !== QUOTE) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8', range.start, range.end));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The range of the first element of the array at `range`, or undefined for an empty or malformed one. */
export function firstArrayElementRange(body: Buffer, range: ValueRange): ValueRange | undefined {
  if (body[range.start] !== OPEN_BRACKET) return undefined;
  try {
    const start = skipWhitespace(body, range.start + 1);
    if (body[start] === CLOSE_BRACKET) return undefined;
    return { start, end: skipValue(body, start) };
  } catch (error) {
    if (error instanceof MalformedJson) return undefined;
    throw error;
  }
}

/** A copy of `body` with the value at `range` replaced by `value` serialised as JSON. */
export function replaceValue(body: Buffer, range: ValueRange, value: unknown): Buffer {
  return Buffer.concat([
    body.subarray(0, range.start),
    Buffer.from(JSON.stringify(value), 'utf8'),
    body.subarray(range.end),
  ]);
}
