import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/hooks';
import type { UsageRecordView } from '../../../api/types';
import { Badge } from '../../../components/badge';
import { EmptyState } from '../../../components/states';
import { formatCost, formatNumber, formatTime } from '../../../lib/format';

type FeedItem = Pick<
  UsageRecordView,
  'id' | 'createdAt' | 'model' | 'status' | 'inputTokens' | 'outputTokens' | 'cost'
>;

/** A record from a live event, whatever envelope the server wraps it in. */
function recordOf(data: unknown): FeedItem | null {
  const candidate = (data as { record?: unknown; request?: unknown }) ?? {};
  const record = (candidate.record ?? candidate.request ?? data) as Partial<FeedItem>;
  if (typeof record?.model !== 'string') return null;
  return {
    id: String(record.id ?? `${record.createdAt}-${Math.random()}`),
    createdAt: String(record.createdAt ?? new Date().toISOString()),
    model: record.model,
    status: Number(record.status ?? 200),
    inputTokens: Number(record.inputTokens ?? 0),
    outputTokens: Number(record.outputTokens ?? 0),
    cost: Number(record.cost ?? 0),
  };
}

/**
 * Recent requests as they happen: the SSE feed (/admin/api/usage/live) where the server has it and
 * the session can open it; otherwise the newest records, polled every five seconds.
 */
export function LiveFeed() {
  const { t } = useTranslation('dashboard');
  const [live, setLive] = useState<FeedItem[] | null>(null);
  const [sseFailed, setSseFailed] = useState(false);

  useEffect(() => {
    const source = new EventSource('/admin/api/usage/live', { withCredentials: true });
    source.onmessage = (event) => {
      try {
        const item = recordOf(JSON.parse(event.data));
        if (item) setLive((items) => [item, ...(items ?? [])].slice(0, 20));
      } catch {
        // Per-minute totals and keep-alives carry no request.
      }
    };
    source.addEventListener('request', (event) => source.onmessage?.(event as MessageEvent));
    source.onopen = () => setLive((items) => items ?? []);
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setSseFailed(true);
    };
    return () => source.close();
  }, []);

  const polled = useApi<{ records: UsageRecordView[] }>(
    sseFailed ? '/admin/api/usage/records?limit=15' : null,
    {
      refetchInterval: 5000,
    },
  );
  const items = (sseFailed ? polled.data?.records : live) ?? [];

  if (items.length === 0) return <EmptyState icon="activity" title={t('feedEmpty')} />;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="live-feed">
      {items.map((item) => (
        <li key={item.id} className="flex items-center gap-3 px-4 py-2 text-sm">
          <span className="w-20 shrink-0 text-xs text-zinc-500 tabular-nums">
            {formatTime(item.createdAt)}
          </span>
          <code className="min-w-0 flex-1 truncate text-xs">{item.model}</code>
          <span className="hidden text-xs text-zinc-500 tabular-nums sm:inline">
            {formatNumber(item.inputTokens)} → {formatNumber(item.outputTokens)}
          </span>
          <span className="w-16 text-right text-xs tabular-nums">{formatCost(item.cost)}</span>
          <Badge tone={item.status >= 400 ? 'red' : 'green'}>{item.status}</Badge>
        </li>
      ))}
    </ul>
  );
}
