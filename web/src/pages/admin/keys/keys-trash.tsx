import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../../api/hooks';
import type { ApiKeyView } from '../../../api/types';
import { Button } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { Icon } from '../../../components/icons';
import { EmptyState, QueryState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';

/** Soft-deleted keys, restorable (GET /admin/api/keys/trash, POST /admin/api/keys/:id/restore). */
export function KeysTrash({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('keys');
  const trash = useApi<{ keys: ApiKeyView[] }>(open ? '/admin/api/keys/trash' : null);
  const restore = useApiMutation<ApiKeyView, string>((id) => ({ path: `/admin/api/keys/${id}/restore` }), {
    invalidates: ['/admin/api/keys'],
    success: t('trash.restored'),
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={t('trash.title')}
      description={t('trash.description')}
    >
      <QueryState query={trash}>
        {({ keys }) =>
          keys.length === 0 ? (
            <EmptyState icon="inbox" title={t('trash.empty')} />
          ) : (
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {keys.map((key) => (
                <li key={key.id} className="flex items-center gap-3 py-2.5">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">{key.name}</p>
                    <p className="text-xs text-zinc-500">
                      <code>{key.keyPreview}</code> ·{' '}
                      {t('trash.deletedAt', { when: formatDateTime(key.deletedAt ?? key.updatedAt) })}
                    </p>
                  </div>
                  <Button
                    size="sm"
                    icon={<Icon name="restore" className="size-3.5" />}
                    busy={restore.isPending && restore.variables === key.id}
                    onClick={() => restore.mutate(key.id)}
                  >
                    {t('common:restore')}
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Dialog>
  );
}
