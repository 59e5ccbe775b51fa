// POST /v1/chat/completions and POST /v1/responses (and their Azure forms): parse, choose the scenario
// (an enqueued one first, else the directives), then answer as JSON or as a stream.
import { setTimeout as sleep } from 'node:timers/promises';
import { buildChatChunkFrames, buildChatCompletion } from './chat-completion-body.js';
import { scenarioFromTurn } from './directives.js';
import { sendJson } from './http-replies.js';
import {
  type ConversationView,
  type ParseOutcome,
  parseChatRequest,
  parseResponsesRequest,
} from './parse-request.js';
import { finishReply, type MockAction, planAction } from './plan-reply.js';
import { dropConnection, type RequestContext, replyError, successHeaders } from './request-context.js';
import { buildResponseObject, outputItems, type ResponseIdentity } from './response-object.js';
import { buildResponsesFrames } from './responses-stream-events.js';
import { type SseFrame, usageReportedBy, writeSseStream } from './sse-writer.js';
import type { Scenario } from './types.js';

export interface CompletionRouteDependencies {
  scenarioQueue: Scenario[];
  /** Ids of responses created with `store` on, for `previous_response_id`. */
  storedResponses: Set<string>;
  nextSerial(): number;
}

/** The Azure deployment name, which stands in for the model. */
export type RouteParams = { deployment?: string };

type ReplyAction = Extract<MockAction, { action: 'reply' }>;

interface Rendered {
  json: unknown;
  frames: SseFrame[];
  reported: ReturnType<typeof usageReportedBy>;
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
  action: ReplyAction,
  view: ConversationView,
  rendered: Rendered,
) {
  const record = context.record;
  if (!view.stream) {
    // Stream-only failures (break) do not apply to JSON answers.
    if (!(await pause(action.delayMs, context.signal))) return;
    Object.assign(record, { status: 200, reported: rendered.reported });
    sendJson(context.response, 200, rendered.json, successHeaders(context));
    return;
  }
  record.status = 200;
  const result = await writeSseStream(context.response, successHeaders(context), rendered.frames, {
    delayMs: action.delayMs,
    breakAfter: action.breakAfter,
    signal: context.signal,
    onBreak: () => {
      context.endedByMock = true;
    },
  });
  record.reported = usageReportedBy(rendered.frames, result.sent);
}

export function createCompletionRoutes(dependencies: CompletionRouteDependencies) {
  function renderChat(
    context: RequestContext,
    action: ReplyAction,
    view: ConversationView,
    serial: number,
  ): Rendered {
    const reply = finishReply(action.reply, view);
    const identity = {
      id: `chatcmpl-mock${serial}`,
      model: view.model,
      created: Math.floor(Date.now() / 1000),
    };
    const json = buildChatCompletion(reply, identity, context.azure);
    return { json, frames: buildChatChunkFrames(reply, identity, view, context.azure), reported: json.usage };
  }

  function renderResponses(action: ReplyAction, view: ConversationView, serial: number): Rendered {
    const reply = finishReply(action.reply, view);
    const identity: ResponseIdentity = {
      id: `resp_mock${serial}`,
      serial,
      model: view.model,
      createdAt: Math.floor(Date.now() / 1000),
    };
    if (view.body.store !== false) dependencies.storedResponses.add(identity.id);
    const json = buildResponseObject(identity, view, { reply, items: outputItems(reply, identity, view) });
    return { json, frames: buildResponsesFrames(reply, identity, view), reported: json.usage ?? undefined };
  }

  async function answer(context: RequestContext, parsed: ParseOutcome): Promise<void> {
    if (!parsed.ok) return replyError(context, 400, parsed);
    const view = parsed.view;
    const previous = view.body.previous_response_id;
    if (typeof previous === 'string' && !dependencies.storedResponses.has(previous)) {
      const message = `Previous response with id '${previous}' not found.`;
      return replyError(context, 400, {
        message,
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      });
    }
    const scenario = dependencies.scenarioQueue.shift() ?? scenarioFromTurn(view);
    const serial = dependencies.nextSerial();
    const action = planAction(scenario, view, serial);
    switch (action.action) {
      case 'reply': {
        const rendered =
          view.dialect === 'chat'
            ? renderChat(context, action, view, serial)
            : renderResponses(action, view, serial);
        return sendReply(context, action, view, rendered);
      }
      case 'error':
        return replyError(context, action.status, { message: action.message, code: action.code });
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

  return {
    handleChat: (context: RequestContext, body: unknown, params: RouteParams) =>
      answer(context, parseChatRequest(body, params.deployment)),
    handleResponses: (context: RequestContext, body: unknown, params: RouteParams) =>
      answer(context, parseResponsesRequest(body, params.deployment)),
  };
}
