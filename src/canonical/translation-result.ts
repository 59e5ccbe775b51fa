/**
 * What a conversion could not carry. `dropped`: the target has no place for it; `approximated`: it
 * was mapped to the nearest value the target knows. Lossy is fine when visible (Vercel AI SDK's
 * `convertToOpenAIChatMessages` returns `{ result, warnings }` the same way).
 */
export interface TranslationWarning {
  kind: 'dropped' | 'approximated';
  /** Where in the source the value sat, e.g. `messages[2].content[0]` or `top_k`. */
  path: string;
  detail: string;
}

export interface Translated<T> {
  result: T;
  warnings: TranslationWarning[];
}

/** Collects warnings during one conversion; created per call, never shared. */
export class WarningSink {
  readonly warnings: TranslationWarning[] = [];

  dropped(path: string, detail: string): void {
    this.warnings.push({ kind: 'dropped', path, detail });
  }

  approximated(path: string, detail: string): void {
    this.warnings.push({ kind: 'approximated', path, detail });
  }

  wrap<T>(result: T): Translated<T> {
    return { result, warnings: this.warnings };
  }
}
