// GET /v1/models and GET /v1/models/{id} (https://platform.openai.com/docs/api-reference/models).
// The list is not paged, as the real one is not.

export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export const MOCK_MODELS: readonly ModelEntry[] = [
  { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
  { id: 'gpt-4.1', object: 'model', created: 1744316542, owned_by: 'system' },
  { id: 'gpt-5', object: 'model', created: 1754425777, owned_by: 'system' },
  { id: 'o4-mini', object: 'model', created: 1744225351, owned_by: 'system' },
  // An OpenAI-compatible vendor's model, for routing tests that mix vendors behind one base URL.
  { id: 'deepseek-chat', object: 'model', created: 1735689600, owned_by: 'deepseek' },
];

export function listModels(): { object: 'list'; data: readonly ModelEntry[] } {
  return { object: 'list', data: MOCK_MODELS };
}

export function findModel(id: string): ModelEntry | undefined {
  return MOCK_MODELS.find((model) => model.id === id);
}
