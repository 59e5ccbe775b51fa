/** The `default` of an exhaustive switch: a new variant becomes a compile error, not a silent drop. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
