import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../../api/hooks';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { CopyButton } from '../../../components/copy-button';
import { type Column, DataTable } from '../../../components/data-table';
import { ConfirmDialog, Dialog } from '../../../components/dialog';
import { SelectField, TextField } from '../../../components/field';
import { Icon } from '../../../components/icons';
import { QueryState } from '../../../components/states';
import { formatDateTime, formatRelative } from '../../../lib/format';

/** As `GET /admin/api/tokens` lists it: never the token, only its preview (`gha-…abcd`). */
interface AdminToken {
  id: string;
  name: string;
  tokenPreview: string;
  scopes: Array<'admin:read' | 'admin:write'>;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type Access = 'write' | 'read';
const scopesFor: Record<Access, AdminToken['scopes']> = {
  write: ['admin:read', 'admin:write'],
  read: ['admin:read'],
};

/** Admin API tokens for automation: the secret is shown once at creation; revoking is immediate. */
export function TokensSection() {
  const { t } = useTranslation(['settings', 'common']);
  const tokens = useApi<{ tokens: AdminToken[] }>('/admin/api/tokens');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<AdminToken | null>(null);
  const revoke = useApiMutation<void, string>(
    (id) => ({ path: `/admin/api/tokens/${encodeURIComponent(id)}`, method: 'DELETE' }),
    {
      invalidates: ['/admin/api/tokens'],
      success: t('tokens.revoked'),
      onSuccess: () => setRevoking(null),
    },
  );
  const columns: Column<AdminToken>[] = [
    {
      id: 'name',
      header: t('tokens.name'),
      sortValue: (x) => x.name,
      cell: (x) => <span className="font-medium">{x.name}</span>,
    },
    {
      id: 'suffix',
      header: t('tokens.token'),
      cell: (x) => <code className="whitespace-nowrap text-xs text-zinc-500">{x.tokenPreview}</code>,
    },
    {
      id: 'access',
      header: t('tokens.access'),
      cell: (x) => (
        <Badge tone={x.scopes.includes('admin:write') ? 'violet' : 'neutral'}>
          {x.scopes.includes('admin:write') ? t('tokens.readWrite') : t('tokens.readOnly')}
        </Badge>
      ),
    },
    {
      id: 'created',
      header: t('tokens.created'),
      cell: (x) => <span className="whitespace-nowrap text-zinc-500">{formatDateTime(x.createdAt)}</span>,
    },
    {
      id: 'used',
      header: t('tokens.lastUsed'),
      cell: (x) => (
        <span className="text-zinc-500">
          {x.lastUsedAt ? formatRelative(x.lastUsedAt) : t('tokens.never')}
        </span>
      ),
    },
    {
      id: 'status',
      header: t('tokens.status'),
      cell: (x) =>
        x.revokedAt ? (
          <Badge tone="neutral">{t('tokens.revokedBadge')}</Badge>
        ) : (
          <Badge tone="green" dot>
            {t('tokens.active')}
          </Badge>
        ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">{t('common:actions')}</span>,
      className: 'text-right',
      cell: (x) =>
        x.revokedAt ? null : (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setRevoking(x)}
            aria-label={t('tokens.revokeFor', { name: x.name })}
          >
            {t('tokens.revoke')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <QueryState query={tokens}>
        {(data) => (
          <DataTable
            label={t('tabs.tokens')}
            rows={data.tokens}
            columns={columns}
            rowKey={(x) => x.id}
            toolbar={
              <Button
                size="sm"
                variant="primary"
                icon={<Icon name="plus" className="size-3.5" />}
                onClick={() => setCreating(true)}
              >
                {t('tokens.create')}
              </Button>
            }
            empty={<p className="px-4 py-10 text-center text-sm text-zinc-500">{t('tokens.empty')}</p>}
          />
        )}
      </QueryState>
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog
          open
          onClose={() => setRevoking(null)}
          onConfirm={() => revoke.mutate(revoking.id)}
          busy={revoke.isPending}
          title={t('tokens.revokeTitle', { name: revoking.name })}
          description={t('tokens.revokeDescription')}
          confirmLabel={t('tokens.revoke')}
        />
      )}
    </>
  );
}

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['settings', 'common']);
  const [name, setName] = useState('');
  const [access, setAccess] = useState<Access>('write');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useApiMutation<{ token: string }, void>(
    () => ({ path: '/admin/api/tokens', body: { name: name.trim(), scopes: scopesFor[access] } }),
    {
      invalidates: ['/admin/api/tokens'],
      onSuccess: (answer) => setSecret(answer.token),
    },
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title={secret ? t('tokens.createdTitle') : t('tokens.create')}
      footer={
        secret ? (
          <Button variant="primary" onClick={onClose}>
            {t('tokens.done')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common:cancel')}</Button>
            <Button
              variant="primary"
              type="submit"
              form="token-form"
              busy={create.isPending}
              disabled={!name.trim()}
            >
              {t('common:create')}
            </Button>
          </>
        )
      }
    >
      {secret ? (
        <div className="space-y-3">
          <p className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
            <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
            {t('tokens.showOnce')}
          </p>
          <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-950">
            <code className="min-w-0 flex-1 truncate text-sm" data-testid="new-admin-token">
              {secret}
            </code>
            <CopyButton text={secret} />
          </div>
        </div>
      ) : (
        <form
          id="token-form"
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <TextField
            label={t('tokens.name')}
            hint={t('tokens.nameHint')}
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <SelectField
            label={t('tokens.access')}
            value={access}
            onChange={(e) => setAccess(e.target.value as Access)}
            options={[
              { value: 'write', label: t('tokens.readWrite') },
              { value: 'read', label: t('tokens.readOnly') },
            ]}
            hint={t('tokens.accessHint')}
          />
        </form>
      )}
    </Dialog>
  );
}
