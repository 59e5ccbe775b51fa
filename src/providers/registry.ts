import { anthropicProvider } from './anthropic/anthropic-provider.js';
import { claudeOAuthProvider } from './anthropic/claude-oauth-provider.js';
import { azureOpenAiProvider, openAiCompatibleProvider, openAiProvider } from './openai/openai-providers.js';
import type { Provider } from './provider.js';

/** One line per account type. The admin API and the console read the list from here. */
const providers: readonly Provider[] = [
  anthropicProvider,
  claudeOAuthProvider,
  openAiProvider,
  openAiCompatibleProvider,
  azureOpenAiProvider,
];

const byType = new Map(providers.map((provider) => [provider.type, provider]));

export function providerFor(type: string): Provider | undefined {
  return byType.get(type);
}

export function providerTypes(): string[] {
  return providers.map((provider) => provider.type);
}
