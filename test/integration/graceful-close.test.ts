import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startGatehouse } from '../support/gatehouse-harness.js';
import { startMockOpenAi } from '../support/mock-openai/mock-openai.js';

/** The default drain deadline is 30 s; a close that waited for it takes far longer than this. */
const muchLessThanTheDrainDeadlineMs = 10_000;

describe('graceful close', () => {
  it('does not wait for the drain deadline because a client went away mid-stream', async () => {
    const gpt = await startMockOpenAi();
    const gate = await startGatehouse();
    try {
      await gate.createAccount({
        name: 'gpt',
        type: 'openai',
        baseUrl: gpt.url,
        apiKey: 'mock-openai-key',
        models: ['gpt-*'],
      });
      const { key } = await gate.createKey();
      const controller = new AbortController();
      const response = await fetch(`${gate.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o',
          stream: true,
          messages: [{ role: 'user', content: 'mock:slow 20 mock:long 200' }],
        }),
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('chunk 5.'))
        text += decoder.decode((await reader.read()).value, { stream: true });
      controller.abort();
      // The server learns of the abort when the socket closes; its record follows once the relay settles.
      let records: { partial: boolean }[] = [];
      for (let tries = 0; tries < 100 && records.length === 0; tries += 1) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        records = (await gate.admin<{ records: { partial: boolean }[] }>('GET', '/admin/api/usage/records'))
          .body.records;
      }
      expect(records[0]?.partial).toBe(true);
      const started = performance.now();
      await gate.close();
      expect(performance.now() - started).toBeLessThan(muchLessThanTheDrainDeadlineMs);
    } finally {
      await gpt.close();
    }
  });

  it('closes connections that never sent a request', async () => {
    const gate = await startGatehouse();
    const { port } = new URL(gate.url);
    const silent = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));
    const closed = new Promise((resolve) => silent.once('close', resolve));
    silent.resume();
    const started = performance.now();
    await gate.close();
    await closed;
    expect(performance.now() - started).toBeLessThan(muchLessThanTheDrainDeadlineMs);
  });
});
