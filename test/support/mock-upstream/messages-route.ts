// POST /v1/messages and POST /v1/messages/count_tokens.
import { setTimeout as sleep } from 'node:timers/promises';
import { scenarioFromRequest } from './directives.js';
import { errorStatusHeaders, sendJson } from './http-replies.js';
import { type MessagesRequest, parseMessagesRequest } from './messages-request.js';
import { finishReply } from './reply-limits.js';
import {
  dropConnection,
  presentedCredential,
  type RequestContext,
  replyError,
  successHeaders,
} from './request-context.js';
import { type MockAction, planAction } from './responders.js';
import { writeSseStream } from './sse-writer.js';
import {
  buildMessage,
  buildStreamEvents,
  contentBeforeCut,
  type MessageIdentity,
  usageReportedBy,
  withMidStreamError,
} from './stream-events.js';
import { countOutputTokens, countPromptTokens, type PromptCache } from './token-counting.js';
import type { AnthropicUsage, Scenario } from './types.js';

export interface MessagesRouteDependencies {
  scenarioQueue: Scenario[];
  promptCache: PromptCache;
  nextSerial(): number;
}

function parseBody(
  context: RequestContext,
  body: unknown,
  requireMaxTokens: boolean,
): MessagesRequest | undefined {
  if (body === undefined) {
    replyError(context, 400, 'There was an error parsing the body: expected a JSON object');
    return undefined;
  }
  const parsed = parseMessagesRequest(body, requireMaxTokens);
  if (parsed.ok) return parsed.request;
  replyError(context, 400, parsed.message);
  return undefined;
}

function waitForDisconnect(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

async function pause(delayMs: number, signal: AbortSignal): Promise<boolean> {
  if (delayMs <= 0) return true;
  try {
    await sleep(delayMs, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

async function sendReply(
  context: RequestContext,
  action: Extract<MockAction, { action: 'reply' }>,
  request: MessagesRequest,
  dependencies: MessagesRouteDependencies,
): Promise<void> {
  const finished = finishReply(action.blocks, request);
  const usage: AnthropicUsage = {
    ...dependencies.promptCache.accountInput(request),
    output_tokens: countOutputTokens(finished.content),
    service_tier: 'standard',
  };
  const identity: MessageIdentity = { id: `msg_mock_${dependencies.nextSerial()}`, model: request.model };
  const record = context.record;
  if (!request.stream) {
    // Stream-only failures (stream-error, break) do not apply to JSON: a client retrying a failed
    // stream without `stream` (as Claude Code does) gets a normal answer.
    if (!(await pause(action.delayMs, context.signal))) return;
    if (record) Object.assign(record, { status: 200, reported: usage });
    sendJson(context.response, 200, buildMessage(finished, identity, usage), successHeaders(context));
    return;
  }
  const complete = buildStreamEvents(finished, identity, usage);
  const events = action.ending.kind === 'error' ? withMidStreamError(complete) : complete;
  if (record) record.status = 200;
  const result = await writeSseStream(context.response, successHeaders(context), events, {
    delayMs: action.delayMs,
    breakAfter: action.ending.kind === 'break' ? action.ending.afterEvents : undefined,
    signal: context.signal,
    onBreak: () => {
      context.endedByMock = true;
    },
  });
  if (record) {
    record.reported = usageReportedBy(events, result.sent);
    const cut = contentBeforeCut(events, result.sent);
    if (cut !== undefined) record.contentBeforeCut = cut;
  }
}

export function createMessagesRoute(dependencies: MessagesRouteDependencies) {
  async function handleCreateMessage(context: RequestContext, body: unknown): Promise<void> {
    const request = parseBody(context, body, true);
    if (!request) return;
    const scenario = dependencies.scenarioQueue.shift() ?? scenarioFromRequest(request);
    const action = planAction(scenario, request, dependencies.nextSerial());
    switch (action.action) {
      case 'reply':
        return sendReply(context, action, request, dependencies);
      case 'error':
        return replyError(
          context,
          action.status,
          action.message,
          errorStatusHeaders(action.status, new Date()),
        );
      case 'leak':
        return replyError(
          context,
          400,
          `mock:leak echoes the caller's key: ${presentedCredential(context.request)}`,
        );
      case 'reset':
        return dropConnection(context);
      case 'hang':
        return waitForDisconnect(context.signal);
      default: {
        const unknownAction: never = action;
        throw new Error(`Unhandled action ${JSON.stringify(unknownAction)}`);
      }
    }
  }

  /** count_tokens reports the whole prompt as input_tokens; it never reads or writes the prompt cache. */
  function handleCountTokens(context: RequestContext, body: unknown): void {
    const request = parseBody(context, body, false);
    if (!request) return;
    if (context.record) context.record.status = 200;
    sendJson(context.response, 200, { input_tokens: countPromptTokens(request) }, successHeaders(context));
  }

  return { handleCreateMessage, handleCountTokens };
}
