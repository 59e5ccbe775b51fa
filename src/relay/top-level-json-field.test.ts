import { describe, expect, it } from 'vitest';
import {
  findTopLevelField,
  readStringValue,
  readTopLevelFields,
  replaceValue,
} from './top-level-json-field.js';

function modelOf(text: string): string | undefined | 'malformed' {
  const body = Buffer.from(text);
  const lookup = findTopLevelField(body, 'model');
  if (!lookup.found) return lookup.malformed ? 'malformed' : undefined;
  return readStringValue(body, lookup.range);
}

describe('findTopLevelField', () => {
  it.each([
    ['first member', '{"model":"claude-sonnet-4-5","messages":[]}', 'claude-sonnet-4-5'],
    [
      'after nested values',
      '{"a":{"model":"inner","b":[1,{"c":"}"}]},"x":"\\"model\\"","model":"outer"}',
      'outer',
    ],
    ['with whitespace', ' \n{ "messages" : [ ] ,\r\n\t"model" : "m" } ', 'm'],
    ['with escaped quotes before', '{"system":"say \\"hi\\\\\\" \\\\","model":"m2"}', 'm2'],
    ['with an escaped key', '{"mo\\u0064el":"escaped"}', 'escaped'],
    ['with unicode around', '{"system":"日本語 ✓ 🎉","model":"模型"}', '模型'],
    ['after scalars', '{"stream":true,"max_tokens":64000,"t":null,"f":-1.5e3,"model":"m"}', 'm'],
    ['with a BOM', '\uFEFF{"model":"bom"}', 'bom'],
  ])('finds the model %s', (_name, text, expected) => {
    expect(modelOf(text)).toBe(expected);
  });

  it('reports absence and non-string values', () => {
    expect(modelOf('{"messages":[]}')).toBeUndefined();
    expect(modelOf('{}')).toBeUndefined();
    expect(modelOf('{"model":42}')).toBeUndefined();
    expect(modelOf('{"model":{"name":"x"}}')).toBeUndefined();
  });

  it.each([
    ['not an object', '["model","x"]'],
    ['empty', ''],
    ['truncated string', '{"system":"abc'],
    ['truncated container', '{"messages":[{"role":"user"'],
    ['missing colon', '{"model" "x"}'],
    ['missing comma', '{"a":1 "model":"x"}'],
    ['plain text', 'hello'],
  ])('reports a malformed body: %s', (_name, text) => {
    expect(modelOf(text)).toBe('malformed');
  });

  it('stops at the wanted member without reading the rest', () => {
    // The tail is not valid JSON, but the model comes first and is all that is needed.
    expect(modelOf('{"model":"first","messages":[[[')).toBe('first');
  });

  it('replaces a value and keeps every other byte', () => {
    const text = '{"model" : "a" ,"messages":[{"content":"x"}],"stream":true}';
    const body = Buffer.from(text);
    const lookup = findTopLevelField(body, 'model');
    if (!lookup.found) throw new Error('model not found');
    const replaced = replaceValue(body, lookup.range, 'upstream-"model"');
    expect(replaced.toString()).toBe(
      '{"model" : "upstream-\\"model\\"" ,"messages":[{"content":"x"}],"stream":true}',
    );
    expect(JSON.parse(replaced.toString()).model).toBe('upstream-"model"');
  });

  it('agrees with JSON.parse on generated bodies', () => {
    for (let i = 0; i < 200; i += 1) {
      const value = {
        [`pre"fix${i}`]: { nested: ['}', ']', '\\', '"', { deep: i }] },
        list: Array.from({ length: i % 7 }, (_, n) => ({ text: `t${n}\\"` })),
        model: `model-${i}-\u00e9`,
        after: i % 2 === 0,
      };
      expect(modelOf(JSON.stringify(value))).toBe(value.model);
      expect(modelOf(JSON.stringify(value, null, 2))).toBe(value.model);
    }
  });
});

describe('readTopLevelFields', () => {
  it('parses only the named members and stops once it has them', () => {
    const body = Buffer.from(
      '{"id":"m1","type":"message","content":[{"text":"}]"}],"model":"x","usage":{"input_tokens":3},"tail":[[[',
    );
    expect(readTopLevelFields(body, ['type', 'id', 'model', 'usage'])).toEqual({
      id: 'm1',
      type: 'message',
      model: 'x',
      usage: { input_tokens: 3 },
    });
  });

  it('returns what it found when some names are absent, and undefined for a non-object', () => {
    expect(
      readTopLevelFields(Buffer.from('{"type":"error","error":{"type":"x"}}'), ['type', 'usage']),
    ).toEqual({
      type: 'error',
    });
    expect(readTopLevelFields(Buffer.from('[1,2]'), ['type'])).toBeUndefined();
    expect(readTopLevelFields(Buffer.from('{"type":'), ['type'])).toBeUndefined();
  });
});
