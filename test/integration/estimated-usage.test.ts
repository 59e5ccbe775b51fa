import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

/** An OpenAI-compatible server of the kind that ignores `stream_options.include_usage`. */
async function startUsageFreeUpstream(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on('end', () => {
      const body = JSON.parse(text) as { stream?: boolean };
      const base = { id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'local-model' };
      if (!body.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        const message = { role: 'assistant', content: 'A reply of about forty characters here.' };
        response.end(
          JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [{ index: 0, message, finish_reason: 'stop' }],
          }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant' } }] })}\n\n`,
      );
      for (const word of ['one', ' two', ' three', ' four', ' five']) {
        response.write(
          `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: word } }] })}\n\n`,
        );
      }
      response.end(
        `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`,
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

let upstream: { server: Server; url: string };
let gate: RunningGatehouse;
let key: { id: string; key: string };
let client: OpenAI;

beforeAll(async () => {
  upstream = await startUsageFreeUpstream();
  gate = await startGatehouse();
  await gate.createAccount({
    name: 'local',
    type: 'openai-compatible',
    baseUrl: upstream.url,
    apiKey: 'none',
    models: ['local-model'],
  });
  key = await gate.createKey();
  client = new OpenAI({ apiKey: key.key, baseURL: `${gate.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gate?.close();
  upstream?.server.close();
});

async function latestRecord() {
  const answer = await gate.admin<{
    records: Array<{ inputTokens: number; outputTokens: number; estimated: boolean; stream: boolean }>;
  }>('GET', `/admin/api/usage/records?keyId=${key.id}&limit=1`);
  return answer.body.records[0];
}

describe('shutdown while a record is still being estimated', () => {
  it('waits for the estimate and writes the record before closing', async () => {
    const own = await startGatehouse();
    await own.createAccount({
      name: 'local',
      type: 'openai-compatible',
      baseUrl: upstream.url,
      apiKey: 'none',
      models: ['local-model'],
    });
    const ownKey = await own.createKey();
    const ownClient = new OpenAI({ apiKey: ownKey.key, baseURL: `${own.url}/v1`, maxRetries: 0 });
    const stream = await ownClient.chat.completions.create({
      model: 'local-model',
      stream: true,
      messages: [{ role: 'user', content: 'Go.' }],
    });
    for await (const _chunk of stream) {
      // read the whole answer
    }
    // The answer is complete; its record may still be waiting for the local token count.
    await own.gatehouse.close();
    const db = new Database(join(own.dataDir, 'gatehouse.db'), { readonly: true });
    const rows = db.prepare('select estimated, input_tokens from usage_records').all() as Array<{
      estimated: number;
      input_tokens: number;
    }>;
    db.close();
    rmSync(own.dataDir, { recursive: true, force: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ estimated: 1 });
    expect(rows[0]?.input_tokens).toBeGreaterThan(0);
  });
});

describe('an upstream that reports no usage', () => {
  it('gets its streamed tokens estimated (one per content chunk, prompt counted locally), marked estimated', async () => {
    const stream = await client.chat.completions.create({
      model: 'local-model',
      stream: true,
      messages: [{ role: 'user', content: 'Count to five, please.' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('one two three four five');
    // The estimate is made after the answer (the tokenizer loads on first use), so the record follows it.
    await expect.poll(latestRecord).toMatchObject({ stream: true, estimated: true, outputTokens: 6 });
    const record = await latestRecord();
    expect(record?.inputTokens).toBeGreaterThan(0);
  });

  it('gets a JSON answer’s tokens estimated from its text', async () => {
    await client.chat.completions.create({
      model: 'local-model',
      messages: [{ role: 'user', content: 'Say something.' }],
    });
    const record = await latestRecord();
    expect(record).toMatchObject({ stream: false, estimated: true });
    expect(record?.outputTokens).toBeGreaterThanOrEqual(10);
    expect(record?.inputTokens).toBeGreaterThan(0);
  });
});
