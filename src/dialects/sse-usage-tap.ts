import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { emptyUsage, type ObservedUsage, type StreamUsageTap } from './observed-usage.js';
import { RelayedContent } from './relayed-content.js';

/**
 * The shared half of every dialect's usage tap: bytes in any chunking (split mid-line or mid-UTF-8
 * character) become whole SSE events through a streaming TextDecoder and eventsource-parser. A dialect
 * says only what each event means for the usage.
 */
export abstract class SseUsageTap implements StreamUsageTap {
  readonly usage: ObservedUsage = emptyUsage();
  readonly content = new RelayedContent();
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser = createParser({ onEvent: (event) => this.onEvent(event) });

  push(chunk: Uint8Array): void {
    this.parser.feed(this.decoder.decode(chunk, { stream: true }));
  }

  end(): ObservedUsage {
    this.parser.feed(this.decoder.decode());
    this.finish();
    return this.usage;
  }

  /** Called once the stream ended, before the usage is read. */
  protected finish(): void {}

  protected abstract onEvent(event: EventSourceMessage): void;
}
