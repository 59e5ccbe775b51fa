import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction, useApi } from '../../../api/hooks';
import type { ApiKeyView, CreatedKey } from '../../../api/types';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { type Column, DataTable } from '../../../components/data-table';
import { ConfirmDialog, Dialog } from '../../../components/dialog';
import { Icon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, QueryState } from '../../../components/states';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { KeyCreatedDialog } from './key-created-dialog';
import { KeyForm, type KeyFormState, keyFormState, toKeyBody } from './key-form';
import { KeyUsageDialog } from './key-usage-dialog';
import { KeysTrash } from './keys-trash';

type KeyStatus = 'active' | 'disabled' | 'expired';

function statusOf(key: ApiKeyView, now = Date.now()): KeyStatus {
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return key.enabled ? 'active' : 'disabled';
}

const statusTone = { active: 'green', disabled: 'neutral', expired: 'amber' } as const;

/** Create (one or many) or edit one key. */
function KeyEditor({
  editing,
  onClose,
  onCreated,
}: {
  editing: ApiKeyView | null;
  onClose: () => void;
  onCreated: (keys: CreatedKey[]) => void;
}) {
  const { t } = useTranslation('keys');
  const [state, setState] = useState<KeyFormState>(() => keyFormState(editing ?? undefined));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction(
    async (body: Record<string, unknown>): Promise<CreatedKey[]> => {
      if (editing) {
        await api(`/admin/api/keys/${editing.id}`, { method: 'PATCH', body });
        return [];
      }
      // Batch creation is N ordinary creations: each key is shown once, right after.
      const count = Math.min(100, Math.max(1, Number.parseInt(state.count, 10) || 1));
      const created: CreatedKey[] = [];
      for (let index = 1; index <= count; index++) {
        const name = count > 1 ? `${body.name as string}-${index}` : body.name;
        created.push(await api<CreatedKey>('/admin/api/keys', { body: { ...body, name } }));
      }
      return created;
    },
    {
      invalidates: ['/admin/api/keys'],
      success: editing ? t('common:saved') : undefined,
      onSuccess: (created) => {
        onClose();
        if (created.length > 0) onCreated(created);
      },
    },
  );
  const submit = () => {
    const parsed = toKeyBody(state);
    if ('invalid' in parsed) return setInvalid(parsed.invalid);
    setInvalid(null);
    save.mutate(parsed.body);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button variant="primary" busy={save.isPending} onClick={submit} disabled={!state.name.trim()}>
            {editing ? t('common:save') : t('createButton')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <KeyForm state={state} onChange={setState} batch={!editing} invalid={invalid} />
      </form>
    </Dialog>
  );
}

function limitsSummary(
  key: ApiKeyView,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const parts: string[] = [];
  if (key.rpmLimit !== null) parts.push(t('rpm', { count: key.rpmLimit }));
  if (key.concurrencyLimit !== null) parts.push(t('concurrent', { count: key.concurrencyLimit }));
  if (key.allowedModels.length > 0) parts.push(t('modelsAllowed', { count: key.allowedModels.length }));
  if (key.ipAllowlist.length > 0) parts.push(t('ipRules', { count: key.ipAllowlist.length }));
  return parts.length === 0 ? t('common:unlimited') : parts.join(' · ');
}

/** Enable, disable or delete the selected keys, one call each. */
function useBatch(onDone: () => void) {
  const { t } = useTranslation('keys');
  return useAction(
    async ({ ids, action }: { ids: string[]; action: 'enable' | 'disable' | 'delete' }) => {
      for (const id of ids) {
        if (action === 'delete') await api(`/admin/api/keys/${id}`, { method: 'DELETE' });
        else await api(`/admin/api/keys/${id}`, { method: 'PATCH', body: { enabled: action === 'enable' } });
      }
      return ids.length;
    },
    { invalidates: ['/admin/api/keys'], success: (count) => t('batchDone', { count }), onSuccess: onDone },
  );
}

export default function KeysPage() {
  const { t } = useTranslation('keys');
  const keys = useApi<{ keys: ApiKeyView[] }>('/admin/api/keys');
  const [editor, setEditor] = useState<{ editing: ApiKeyView | null } | null>(null);
  const [created, setCreated] = useState<CreatedKey[]>([]);
  const [usageOf, setUsageOf] = useState<ApiKeyView | null>(null);
  const [trashOpen, setTrashOpen] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmDelete, setConfirmDelete] = useState<string[] | null>(null);
  const batch = useBatch(() => {
    setSelected(new Set());
    setConfirmDelete(null);
  });

  const columns: Column<ApiKeyView>[] = [
    {
      id: 'name',
      header: t('column.name'),
      sortValue: (key) => key.name.toLowerCase(),
      cell: (key) => (
        <div className="min-w-0">
          <p className="font-medium whitespace-nowrap text-zinc-900 dark:text-zinc-100">{key.name}</p>
          <code className="text-xs whitespace-nowrap text-zinc-500">{key.keyPreview}</code>
        </div>
      ),
    },
    {
      id: 'status',
      header: t('column.status'),
      sortValue: (key) => statusOf(key),
      cell: (key) => (
        <Badge tone={statusTone[statusOf(key)]} dot>
          {t(`status.${statusOf(key)}`)}
        </Badge>
      ),
    },
    {
      id: 'owner',
      header: t('column.owner'),
      sortValue: (key) => key.userId,
      cell: (key) => key.userId ?? '—',
    },
    {
      id: 'group',
      header: t('column.group'),
      sortValue: (key) => key.group,
      cell: (key) => key.group ?? '—',
    },
    {
      id: 'limits',
      header: t('column.limits'),
      cell: (key) => (
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{limitsSummary(key, t)}</span>
      ),
    },
    {
      id: 'expires',
      header: t('column.expires'),
      sortValue: (key) => key.expiresAt,
      cell: (key) =>
        key.expiresAt ? (
          <span title={formatDateTime(key.expiresAt)}>{formatRelative(key.expiresAt)}</span>
        ) : (
          '—'
        ),
    },
    {
      id: 'created',
      header: t('column.created'),
      sortValue: (key) => key.createdAt,
      cell: (key) => <span className="whitespace-nowrap text-zinc-500">{formatDateTime(key.createdAt)}</span>,
    },
    {
      id: 'actions',
      header: <span className="sr-only">{t('common:actions')}</span>,
      className: 'text-right',
      cell: (key) => (
        <div className="flex justify-end gap-1">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setUsageOf(key)}
            aria-label={t('usageOf', { name: key.name })}
          >
            <Icon name="chart" className="size-3.5" />
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setEditor({ editing: key })}
            aria-label={t('editOf', { name: key.name })}
          >
            <Icon name="edit" className="size-3.5" />
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setConfirmDelete([key.id])}
            aria-label={t('deleteOf', { name: key.name })}
          >
            <Icon name="trash" className="size-3.5" />
          </Button>
        </div>
      ),
    },
  ];

  const ids = [...selected];
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button icon={<Icon name="trash" />} onClick={() => setTrashOpen(true)}>
              {t('trash.open')}
            </Button>
            <Button
              variant="primary"
              icon={<Icon name="plus" />}
              onClick={() => setEditor({ editing: null })}
            >
              {t('create')}
            </Button>
          </>
        }
      />
      <QueryState query={keys}>
        {(data) => (
          <DataTable
            label={t('title')}
            rows={data.keys}
            columns={columns}
            rowKey={(key) => key.id}
            searchText={(key) => `${key.name} ${key.keyPreview} ${key.userId ?? ''} ${key.group ?? ''}`}
            filters={[
              {
                id: 'status',
                label: t('filter.status'),
                options: (['active', 'disabled', 'expired'] as const).map((value) => ({
                  value,
                  label: t(`status.${value}`),
                })),
                matches: (key, value) => statusOf(key) === value,
              },
              {
                id: 'group',
                label: t('filter.group'),
                options: [
                  ...new Set(
                    data.keys.map((key) => key.group).filter((group): group is string => group !== null),
                  ),
                ].map((group) => ({ value: group, label: group })),
                matches: (key, value) => key.group === value,
              },
            ]}
            selected={selected}
            onSelectedChange={setSelected}
            toolbar={
              ids.length > 0 && (
                <>
                  <span className="text-xs text-zinc-500">{t('selected', { count: ids.length })}</span>
                  <Button
                    size="sm"
                    busy={batch.isPending}
                    onClick={() => batch.mutate({ ids, action: 'enable' })}
                  >
                    {t('enable')}
                  </Button>
                  <Button
                    size="sm"
                    busy={batch.isPending}
                    onClick={() => batch.mutate({ ids, action: 'disable' })}
                  >
                    {t('disable')}
                  </Button>
                  <Button size="sm" variant="danger" onClick={() => setConfirmDelete(ids)}>
                    {t('common:delete')}
                  </Button>
                </>
              )
            }
            empty={
              data.keys.length === 0 ? (
                <EmptyState
                  icon="key"
                  title={t('empty.title')}
                  description={t('empty.description')}
                  action={
                    <Button
                      variant="primary"
                      icon={<Icon name="plus" />}
                      onClick={() => setEditor({ editing: null })}
                    >
                      {t('create')}
                    </Button>
                  }
                />
              ) : undefined
            }
          />
        )}
      </QueryState>
      {editor && (
        <KeyEditor editing={editor.editing} onClose={() => setEditor(null)} onCreated={setCreated} />
      )}
      <KeyCreatedDialog keys={created} onClose={() => setCreated([])} />
      <KeyUsageDialog apiKey={usageOf} onClose={() => setUsageOf(null)} />
      <KeysTrash open={trashOpen} onClose={() => setTrashOpen(false)} />
      <ConfirmDialog
        open={confirmDelete !== null}
        onClose={() => setConfirmDelete(null)}
        onConfirm={() => confirmDelete && batch.mutate({ ids: confirmDelete, action: 'delete' })}
        busy={batch.isPending}
        title={t('deleteTitle', { count: confirmDelete?.length ?? 0 })}
        description={t('deleteDescription')}
        confirmLabel={t('common:delete')}
      />
    </>
  );
}
