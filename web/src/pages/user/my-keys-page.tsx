import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import type { ApiKeyView } from '../../api/types';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ClientSetup } from '../../components/client-setup';
import { CopyButton } from '../../components/copy-button';
import { type Column, DataTable } from '../../components/data-table';
import { ConfirmDialog, Dialog } from '../../components/dialog';
import { TextField } from '../../components/field';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/states';
import { formatDateTime } from '../../lib/format';

/** Own keys come in the admin API's shape (`GET /api/keys`), without owner or group to change. */
type OwnKey = ApiKeyView;

/** A user's own keys: create (shown once), disable, delete. Policy and limits are the admin's. */
export default function MyKeysPage() {
  const { t } = useTranslation(['my-keys', 'common']);
  const keys = useApi<{ keys: OwnKey[] }>('/api/keys');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<OwnKey | null>(null);
  const toggle = useApiMutation<OwnKey, OwnKey>(
    (key) => ({
      path: `/api/keys/${encodeURIComponent(key.id)}`,
      method: 'PATCH',
      body: { enabled: !key.enabled },
    }),
    {
      invalidates: ['/api/keys'],
    },
  );
  const remove = useApiMutation<void, string>(
    (id) => ({ path: `/api/keys/${encodeURIComponent(id)}`, method: 'DELETE' }),
    {
      invalidates: ['/api/keys'],
      success: t('deleted'),
      onSuccess: () => setDeleting(null),
    },
  );
  const columns: Column<OwnKey>[] = [
    {
      id: 'name',
      header: t('name'),
      sortValue: (k) => k.name,
      cell: (k) => <span className="font-medium">{k.name}</span>,
    },
    {
      id: 'key',
      header: t('key'),
      cell: (k) => <code className="whitespace-nowrap text-xs text-zinc-500">{k.keyPreview}</code>,
    },
    {
      id: 'models',
      header: t('models'),
      cell: (k) => (
        <span className="text-xs">
          {k.allowedModels.length ? k.allowedModels.join(', ') : t('allModels')}
        </span>
      ),
    },
    {
      id: 'status',
      header: t('status'),
      cell: (k) => (
        <Badge tone={k.enabled ? 'green' : 'neutral'} dot>
          {k.enabled ? t('common:enabled') : t('common:disabled')}
        </Badge>
      ),
    },
    {
      id: 'created',
      header: t('created'),
      cell: (k) => <span className="whitespace-nowrap text-zinc-500">{formatDateTime(k.createdAt)}</span>,
    },
    {
      id: 'actions',
      header: <span className="sr-only">{t('common:actions')}</span>,
      className: 'text-right',
      cell: (k) => (
        <div className="flex justify-end gap-1">
          <Button size="sm" variant="ghost" onClick={() => toggle.mutate(k)}>
            {k.enabled ? t('disable') : t('enable')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon={<Icon name="trash" className="size-3.5" />}
            onClick={() => setDeleting(k)}
            aria-label={t('deleteKey', { name: k.name })}
          />
        </div>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button variant="primary" icon={<Icon name="plus" />} onClick={() => setCreating(true)}>
            {t('newKey')}
          </Button>
        }
      />
      <QueryState query={keys}>
        {(data) => (
          <DataTable
            label={t('title')}
            rows={data.keys}
            columns={columns}
            rowKey={(k) => k.id}
            searchText={(k) => k.name}
            empty={<p className="px-4 py-10 text-center text-sm text-zinc-500">{t('none')}</p>}
          />
        )}
      </QueryState>
      {creating && <CreateKeyDialog onClose={() => setCreating(false)} />}
      {deleting && (
        <ConfirmDialog
          open
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id)}
          busy={remove.isPending}
          title={t('deleteTitle', { name: deleting.name })}
          description={t('deleteDescription')}
          confirmLabel={t('common:delete')}
        />
      )}
    </>
  );
}

function CreateKeyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['my-keys', 'common']);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const create = useApiMutation<{ key: string }, void>(
    () => ({ path: '/api/keys', body: { name: name.trim() } }),
    {
      invalidates: ['/api/keys'],
      onSuccess: (answer) => setCreated(answer.key),
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={created ? t('createdTitle') : t('newKey')}
      footer={
        created ? (
          <Button variant="primary" onClick={onClose}>
            {t('done')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common:cancel')}</Button>
            <Button
              variant="primary"
              type="submit"
              form="my-key-form"
              busy={create.isPending}
              disabled={!name.trim()}
            >
              {t('common:create')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <div className="space-y-4">
          <p className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
            <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
            {t('showOnce')}
          </p>
          <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-950">
            <code className="min-w-0 flex-1 truncate text-sm" data-testid="new-key">
              {created}
            </code>
            <CopyButton text={created} />
          </div>
          <h3 className="text-sm font-semibold">{t('setup')}</h3>
          <ClientSetup apiKey={created} />
        </div>
      ) : (
        <form id="my-key-form" onSubmit={submit}>
          <TextField
            label={t('name')}
            hint={t('nameHint')}
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </form>
      )}
    </Dialog>
  );
}
