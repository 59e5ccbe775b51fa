/**
 * The console's one way to call Gatehouse: same origin, the session cookie, the CSRF token on every
 * state-changing call, and errors parsed from `{ error: { type, message } }` into an ApiError.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get notAvailable(): boolean {
    return this.status === 404 && (this.type === 'not_found_error' || this.type === 'not_found');
  }
}

let csrfToken: string | null = null;

/** Set from the session answer; sent as `x-csrf-token` on POST, PUT, PATCH and DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const tokenStorageKey = 'gatehouse.apiToken';

/**
 * An admin API token (or the bootstrap GATEHOUSE_ADMIN_TOKEN) used instead of a cookie session. Kept
 * in sessionStorage so it is forgotten when the tab closes.
 */
export function bearerToken(): string | null {
  try {
    return sessionStorage.getItem(tokenStorageKey);
  } catch {
    return null;
  }
}

export function setBearerToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(tokenStorageKey);
    else sessionStorage.setItem(tokenStorageKey, token);
  } catch {
    // Without sessionStorage the token lasts only as long as this page.
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requestHeaders(method: string, extra: Record<string, string> = {}): Headers {
  const headers = new Headers(extra);
  const token = bearerToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  else if (mutating.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  return headers;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers = requestHeaders(method, options.headers);
  headers.set('accept', 'application/json');
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Gatehouse could not be reached.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) throw toApiError(response.status, parsed, text);
  return parsed as T;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Gatehouse's admin envelope, or any inference dialect's: both carry `error.type` and `error.message`. */
export function toApiError(status: number, parsed: unknown, text = ''): ApiError {
  const error = (parsed as { error?: { type?: unknown; message?: unknown; code?: unknown } } | undefined)
    ?.error;
  const type =
    typeof error?.type === 'string' ? error.type : typeof error?.code === 'string' ? error.code : 'error';
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : text.slice(0, 200) || `HTTP ${status}`;
  return new ApiError(status, type, message);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
