import { describe, expect, it } from 'vitest';
import { type Dialect, dialects } from './dialect.js';
import { createStreamTranslator, translateRequest, translateResponse } from './translate.js';
import {
  fixedClock,
  fixtureBytes,
  fixtureJson,
  splitEvery,
  streamFixtures,
  translateStreamChunks,
} from './translate-test-support.js';

const pairs = dialects.flatMap((from) =>
  dialects.filter((to) => to !== from).map((to) => [from, to] as [Dialect, Dialect]),
);
const streamCases = pairs.flatMap(([from, to]) =>
  streamFixtures[from].map((fixture) => [fixture, from, to] as const),
);

describe('translateRequest', () => {
  it.each(pairs)('%s → %s matches the golden file', async (from, to) => {
    const out = translateRequest(from, to, fixtureJson(`${from}-request.json`));
    await expect(JSON.stringify(out, null, 2)).toMatchFileSnapshot(
      `__golden__/request-${from}-to-${to}.json`,
    );
  });

  it.each(dialects)('refuses the same-dialect pair %s (it is pass-through elsewhere)', (dialect) => {
    expect(() => translateRequest(dialect, dialect, {})).toThrow(/passed through/);
  });
});

describe('translateResponse', () => {
  it.each(pairs)('%s → %s matches the golden file', async (from, to) => {
    const out = translateResponse(from, to, fixtureJson(`${from}-response.json`), fixedClock);
    await expect(JSON.stringify(out, null, 2)).toMatchFileSnapshot(
      `__golden__/response-${from}-to-${to}.json`,
    );
  });

  it('rejects an upstream body that is not a response at all with a 502', () => {
    expect(() => translateResponse('openai-chat', 'anthropic', { nope: true })).toThrow(
      expect.objectContaining({ status: 502 }),
    );
  });
});

describe('createStreamTranslator', () => {
  it.each(streamCases)('%s (%s → %s) matches the golden file', async (fixture, from, to) => {
    const out = translateStreamChunks(from, to, [fixtureBytes(fixture)]);
    await expect(out).toMatchFileSnapshot(`__golden__/stream-${fixture.replace('.sse', '')}-to-${to}.sse`);
  });

  const splits = streamCases.flatMap((c) => [1, 3, 7].map((size) => [...c, size] as const));
  it.each(splits)('%s (%s → %s) gives the same output in chunks of %i bytes', (fixture, from, to, size) => {
    const bytes = fixtureBytes(fixture);
    expect(translateStreamChunks(from, to, splitEvery(bytes, size))).toBe(
      translateStreamChunks(from, to, [bytes]),
    );
  });

  it.each(streamCases)('%s (%s → %s) survives CRLF line endings and comments', (fixture, from, to) => {
    const bytes = fixtureBytes(fixture);
    const crlf = Buffer.from(`: ping\r\n\r\n${bytes.toString('utf8').replaceAll('\n', '\r\n')}`);
    expect(translateStreamChunks(from, to, splitEvery(crlf, 5))).toBe(
      translateStreamChunks(from, to, [bytes]),
    );
  });

  it.each(streamCases)(
    '%s (%s → %s) folds to the same usage the finish part reported',
    (fixture, from, to) => {
      const translator = createStreamTranslator(from, to, fixedClock);
      const text = fixtureBytes(fixture).toString('utf8');
      for (const block of text.split('\n\n')) {
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) translator.push({ data: data.slice(6) });
      }
      translator.end();
      const response = translator.fold.response();
      expect(response.usage.outputTokens).toBeGreaterThan(0);
      expect(translator.fold.error).toBeUndefined();
    },
  );
});
