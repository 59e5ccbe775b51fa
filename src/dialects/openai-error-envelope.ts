/**
 * OpenAI's error envelope, `{"error":{"message","type","param","code"}}`
 * (https://platform.openai.com/docs/guides/error-codes), shared by Chat Completions and Responses.
 * OpenAI clients know no 529: an overloaded upstream is a 503 for them.
 */
const typeAndCodeByStatus: Readonly<Record<number, readonly [string, string | null]>> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['permission_error', null],
  404: ['invalid_request_error', 'model_not_found'],
  408: ['invalid_request_error', 'timeout'],
  413: ['invalid_request_error', 'request_too_large'],
  415: ['invalid_request_error', null],
  429: ['rate_limit_error', 'rate_limit_exceeded'],
  431: ['invalid_request_error', null],
  500: ['server_error', null],
  502: ['server_error', null],
  503: ['server_error', 'overloaded'],
  504: ['server_error', 'timeout'],
};

export function openAiStatus(status: number): number {
  return status === 529 ? 503 : status;
}

export function openAiErrorBody(status: number, message: string) {
  const [type, code] = typeAndCodeByStatus[openAiStatus(status)] ?? [
    status >= 500 ? 'server_error' : 'invalid_request_error',
    null,
  ];
  return { error: { message, type, param: null, code } };
}

/** Chat Completions has no error event: OpenAI ends a failed stream with a data chunk holding `error`. */
export function openAiChatStreamErrorEvent(status: number, message: string): string {
  return `data: ${JSON.stringify(openAiErrorBody(status, message))}\n\n`;
}

/** The Responses API's `error` event. */
export function openAiResponsesStreamErrorEvent(status: number, message: string): string {
  const { error } = openAiErrorBody(status, message);
  return `event: error\ndata: ${JSON.stringify({ type: 'error', code: error.code ?? error.type, message, param: null })}\n\n`;
}

/** Reads an upstream's OpenAI-shaped error body; undefined when the body is not one. */
export function readOpenAiError(parsed: unknown): { type: string; message: string } | undefined {
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, type, message } = error as { code?: unknown; type?: unknown; message?: unknown };
  return {
    type: typeof code === 'string' ? code : typeof type === 'string' ? type : 'error',
    message: typeof message === 'string' ? message : '',
  };
}
