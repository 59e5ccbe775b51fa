import { z } from 'zod';

/** JSON as it travels inside canonical values: tool inputs, schemas, provider metadata. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses tool-call arguments, which OpenAI sends as a JSON string the model wrote: it may be empty
 * (a call without arguments) or invalid (a truncated generation). `undefined` means unparseable.
 */
export function parseJsonObject(text: string): JsonObject | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bodies reach translation already parsed by JSON.parse, so any object inside is JSON by
 * construction; this schema only checks it is an object and types it as such.
 */
export const jsonObjectSchema = z.custom<JsonObject>(isJsonObject, { message: 'Expected an object' });
