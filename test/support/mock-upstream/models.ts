// GET /v1/models: the documented list page `{ data, has_more, first_id, last_id }`, newest first,
// with `limit` (default 20) and `after_id` paging (https://docs.claude.com/en/api/models-list).

export interface ModelEntry {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

const MODELS: ModelEntry[] = [
  {
    type: 'model',
    id: 'claude-opus-4-1-20250805',
    display_name: 'Claude Opus 4.1',
    created_at: '2025-08-05T00:00:00Z',
  },
  {
    type: 'model',
    id: 'claude-sonnet-4-5-20250929',
    display_name: 'Claude Sonnet 4.5',
    created_at: '2025-09-29T00:00:00Z',
  },
  {
    type: 'model',
    id: 'claude-haiku-4-5-20251001',
    display_name: 'Claude Haiku 4.5',
    created_at: '2025-10-01T00:00:00Z',
  },
  {
    type: 'model',
    id: 'claude-3-5-haiku-20241022',
    display_name: 'Claude Haiku 3.5',
    created_at: '2024-10-22T00:00:00Z',
  },
];

export const MOCK_MODELS: readonly ModelEntry[] = MODELS.sort((left, right) =>
  right.created_at.localeCompare(left.created_at),
);

export interface ModelListPage {
  data: ModelEntry[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

export function listModels(query: URLSearchParams): ModelListPage {
  const limit = Math.min(1000, Math.max(1, Number.parseInt(query.get('limit') ?? '20', 10) || 20));
  const afterId = query.get('after_id');
  const start = afterId ? MOCK_MODELS.findIndex((model) => model.id === afterId) + 1 : 0;
  const data = MOCK_MODELS.slice(start, start + limit);
  return {
    data,
    has_more: start + limit < MOCK_MODELS.length,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}
