/**
 * Model names and patterns as operators write them: an exact name, or `*` standing for any run of
 * characters (`claude-*`, `*-haiku-*`, `*`). Patterns are compiled once when the catalog is built.
 */
export type ModelMatcher = (model: string) => boolean;

export function compileModelPattern(pattern: string): ModelMatcher {
  if (!pattern.includes('*')) return (model) => model === pattern;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const expression = new RegExp(`^${source}$`);
  return (model) => expression.test(model);
}

export function compileModelList(patterns: readonly string[]): ModelMatcher {
  const matchers = patterns.map(compileModelPattern);
  return (model) => matchers.some((matches) => matches(model));
}

export function isPattern(name: string): boolean {
  return name.includes('*');
}
