import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * The sink undici's `stream()` writes the upstream body into: each chunk goes straight to the client
 * and to an observer (the usage tap). When the client's socket is full the callback waits for `drain`,
 * so a slow client slows the upstream read instead of growing a buffer.
 */
export class RelayWritable extends Writable {
  constructor(
    private readonly response: ServerResponse,
    private readonly observe: (chunk: Buffer) => void,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.observe(chunk);
    if (this.response.write(chunk)) callback();
    else this.response.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.response.end();
    callback();
  }
}

/**
 * A RelayWritable for SSE that holds back whole events the caller did not ask for (the usage-only
 * chunk Gatehouse requested from an OpenAI upstream for its own accounting). Bytes are cut at event
 * boundaries (a blank line), never inside an event; the observer still sees every byte.
 */
export class EventFilteringRelayWritable extends Writable {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly response: ServerResponse,
    private readonly observe: (chunk: Buffer) => void,
    private readonly drop: (event: string) => boolean,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.observe(chunk);
    this.pending += this.decoder.write(chunk);
    const boundary = this.pending.lastIndexOf('\n\n');
    if (boundary === -1) {
      callback();
      return;
    }
    const complete = this.pending.slice(0, boundary + 2);
    this.pending = this.pending.slice(boundary + 2);
    const kept = complete
      .split(/(?<=\n\n)/)
      .filter((event) => !this.drop(event))
      .join('');
    if (kept.length === 0 || this.response.write(kept)) callback();
    else this.response.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.response.end(this.pending + this.decoder.end());
    callback();
  }
}

/** Collects a small body (an upstream error) up to a cap; what exceeds the cap is dropped. */
export class CappedCollector extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly cap: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.size < this.cap) {
      this.chunks.push(chunk.subarray(0, this.cap - this.size));
      this.size += chunk.length;
    }
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
