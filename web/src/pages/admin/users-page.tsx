import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { useSession } from '../../api/session';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { type Column, DataTable } from '../../components/data-table';
import { ConfirmDialog } from '../../components/dialog';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { type ManagedUser, PasswordDialog, UserDialog } from './users/user-dialogs';

type Editing =
  | { mode: 'create' }
  | { mode: 'edit'; user: ManagedUser }
  | { mode: 'password'; user: ManagedUser }
  | { mode: 'delete'; user: ManagedUser };

/** Users and roles: who may sign in, as what, and the limits all their keys share. */
export default function UsersPage() {
  const { t } = useTranslation(['users', 'common']);
  const { user: me } = useSession();
  const users = useApi<{ users: ManagedUser[] }>('/admin/api/users');
  const [editing, setEditing] = useState<Editing | null>(null);
  const close = () => setEditing(null);
  const remove = useApiMutation<void, string>(
    (id) => ({ path: `/admin/api/users/${encodeURIComponent(id)}`, method: 'DELETE' }),
    {
      invalidates: ['/admin/api/users'],
      success: t('deleted'),
      onSuccess: close,
    },
  );

  const columns: Column<ManagedUser>[] = [
    {
      id: 'username',
      header: t('username'),
      sortValue: (u) => u.username,
      cell: (u) => (
        <div className="min-w-0">
          <div className="font-medium text-zinc-900 dark:text-zinc-100">{u.username}</div>
          {(u.displayName || u.email) && (
            <div className="truncate text-xs text-zinc-500 dark:text-zinc-400">
              {[u.displayName, u.email].filter(Boolean).join(' · ')}
            </div>
          )}
        </div>
      ),
    },
    {
      id: 'role',
      header: t('role'),
      sortValue: (u) => u.role,
      cell: (u) => (
        <Badge tone={u.role === 'admin' ? 'violet' : 'neutral'}>{t(`common:role.${u.role}`)}</Badge>
      ),
    },
    {
      id: 'enabled',
      header: t('status'),
      cell: (u) => (
        <Badge tone={u.enabled ? 'green' : 'neutral'} dot>
          {u.enabled ? t('common:enabled') : t('common:disabled')}
        </Badge>
      ),
    },
    {
      id: 'created',
      header: t('created'),
      sortValue: (u) => String(u.createdAt ?? ''),
      cell: (u) => <span className="whitespace-nowrap text-zinc-500">{formatDateTime(u.createdAt)}</span>,
    },
    {
      id: 'actions',
      header: <span className="sr-only">{t('common:actions')}</span>,
      className: 'text-right',
      cell: (u) => (
        <div className="flex justify-end gap-1">
          <Button
            size="sm"
            variant="ghost"
            icon={<Icon name="edit" className="size-3.5" />}
            onClick={() => setEditing({ mode: 'edit', user: u })}
            aria-label={t('editUser', { user: u.username })}
          >
            {t('common:edit')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon={<Icon name="shield" className="size-3.5" />}
            onClick={() => setEditing({ mode: 'password', user: u })}
            aria-label={t('resetPasswordFor', { user: u.username })}
          >
            {t('resetPassword')}
          </Button>
          {u.id !== me?.id && (
            <Button
              size="sm"
              variant="ghost"
              icon={<Icon name="trash" className="size-3.5" />}
              onClick={() => setEditing({ mode: 'delete', user: u })}
              aria-label={t('deleteUser', { user: u.username })}
            />
          )}
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
          <Button
            variant="primary"
            icon={<Icon name="plus" />}
            onClick={() => setEditing({ mode: 'create' })}
          >
            {t('newUser')}
          </Button>
        }
      />
      <QueryState query={users}>
        {(data) => (
          <DataTable
            label={t('title')}
            rows={data.users}
            columns={columns}
            rowKey={(u) => u.id}
            searchText={(u) => `${u.username} ${u.displayName ?? ''} ${u.email ?? ''}`}
            filters={[
              {
                id: 'role',
                label: t('role'),
                options: [
                  { value: 'admin', label: t('common:role.admin') },
                  { value: 'user', label: t('common:role.user') },
                ],
                matches: (u, value) => u.role === value,
              },
            ]}
          />
        )}
      </QueryState>
      {editing?.mode === 'create' && <UserDialog onClose={close} />}
      {editing?.mode === 'edit' && <UserDialog user={editing.user} onClose={close} />}
      {editing?.mode === 'password' && <PasswordDialog user={editing.user} onClose={close} />}
      {editing?.mode === 'delete' && (
        <ConfirmDialog
          open
          onClose={close}
          onConfirm={() => remove.mutate(editing.user.id)}
          busy={remove.isPending}
          title={t('deleteTitle', { user: editing.user.username })}
          description={t('deleteDescription')}
          confirmLabel={t('common:delete')}
        />
      )}
    </>
  );
}
