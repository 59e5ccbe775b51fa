import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction, useApi } from '../../../api/hooks';
import type { AccountView, ProviderView } from '../../../api/types';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/dialog';
import { Icon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Spinner } from '../../../components/states';
import { useToast } from '../../../components/toast';
import { formatCompact, formatDateTime, formatNumber, formatPercent } from '../../../lib/format';
import { AccountEditor } from './account-editor';
import { claudeOAuthType } from './account-form';
import { AccountStateBadge } from './account-state';
import { ReauthorizeDialog } from './claude-oauth-connect';

interface TestResult {
  ok: boolean;
  status: number;
  latencyMs: number;
  model: string;
  message?: string;
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function AccountCard({
  account,
  onEdit,
  onDelete,
  onReauthorize,
}: {
  account: AccountView & { oauth?: { accessTokenExpiresAt: string | null } };
  onEdit: () => void;
  onDelete: () => void;
  onReauthorize: () => void;
}) {
  const { t } = useTranslation('accounts');
  const toast = useToast();
  const test = useAction(
    () => api<TestResult>(`/admin/api/accounts/${account.id}/test`, { method: 'POST', body: {} }),
    {
      invalidates: ['/admin/api/accounts'],
      onSuccess: (result) =>
        result.ok
          ? toast.success(t('test.ok', { latency: result.latencyMs, model: result.model }))
          : toast.error(t('test.failed', { status: result.status }), result.message),
    },
  );
  const reset = useAction(
    () => api(`/admin/api/accounts/${account.id}/reset`, { method: 'POST', body: {} }),
    {
      invalidates: ['/admin/api/accounts'],
      success: t('resetDone'),
    },
  );
  const stats = account.stats ?? {};
  const requests = stats.requests ?? 0;
  const tokens = stats.tokens
    ? stats.tokens.input + stats.tokens.output + stats.tokens.cacheRead + stats.tokens.cacheWrite
    : 0;
  const p50 = (stats as { ttfbP50Ms?: number | null }).ttfbP50Ms ?? null;
  return (
    <article
      className="flex flex-col rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60"
      data-account={account.name}
    >
      <header className="flex items-start justify-between gap-3 p-4">
        <div className="min-w-0">
          <h2 className="truncate font-semibold text-zinc-900 dark:text-zinc-50">{account.name}</h2>
          <p className="mt-0.5 truncate text-xs text-zinc-500">
            {t(`type.${account.type}.name`, { defaultValue: account.type })} · {account.baseUrl}
          </p>
        </div>
        <AccountStateBadge account={account} />
      </header>
      <dl className="grid grid-cols-3 gap-3 border-y border-zinc-100 px-4 py-3 md:grid-cols-6 xl:grid-cols-3 2xl:grid-cols-6 dark:border-zinc-800">
        <Stat label={t('stat.requests')} value={formatNumber(requests)} />
        <Stat
          label={t('stat.success')}
          value={requests === 0 ? '—' : formatPercent((stats.successes ?? 0) / requests)}
        />
        <Stat label={t('stat.tokens')} value={formatCompact(tokens)} />
        <Stat label={t('stat.ttfb')} value={p50 === null ? '—' : `${Math.round(p50)} ms`} />
        <Stat label={t('stat.inFlight')} value={formatNumber(account.inFlight)} />
        <Stat label={t('stat.weight')} value={`${account.priority} / ${account.weight}`} />
      </dl>
      <div className="flex flex-wrap gap-1.5 px-4 pt-3">
        {account.group && <Badge tone="violet">{account.group}</Badge>}
        {account.models.slice(0, 6).map((model) => {
          const name = typeof model === 'string' ? model : model.name;
          return (
            <Badge key={name}>
              <code>
                {typeof model === 'string' || !model.upstreamModel
                  ? name
                  : `${name} → ${model.upstreamModel}`}
              </code>
            </Badge>
          );
        })}
        {account.models.length === 0 && <span className="text-xs text-zinc-500">{t('allModels')}</span>}
        {account.models.length > 6 && <Badge>+{account.models.length - 6}</Badge>}
      </div>
      {account.oauth?.accessTokenExpiresAt && (
        <p className="mx-4 mt-3 text-xs text-zinc-500 dark:text-zinc-400">
          {t('oauth.expires', { time: formatDateTime(account.oauth.accessTokenExpiresAt) })}
        </p>
      )}
      {stats.lastError && (
        <p className="mx-4 mt-3 truncate rounded-md bg-red-50 px-2 py-1 text-xs text-red-700 dark:bg-red-500/10 dark:text-red-300">
          {stats.lastError.errorClass}: {stats.lastError.message}
        </p>
      )}
      <footer className="mt-auto flex flex-wrap justify-end gap-1.5 p-4">
        {account.type === claudeOAuthType && (
          <Button size="sm" onClick={onReauthorize} icon={<Icon name="key" className="size-3.5" />}>
            {t('oauth.reauthorize')}
          </Button>
        )}
        <Button
          size="sm"
          busy={test.isPending}
          onClick={() => test.mutate()}
          icon={<Icon name="activity" className="size-3.5" />}
        >
          {t('test.button')}
        </Button>
        <Button
          size="sm"
          busy={reset.isPending}
          onClick={() => reset.mutate()}
          icon={<Icon name="refresh" className="size-3.5" />}
        >
          {t('reset')}
        </Button>
        <Button size="sm" onClick={onEdit} icon={<Icon name="edit" className="size-3.5" />}>
          {t('common:edit')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={onDelete}
          aria-label={t('deleteOf', { name: account.name })}
        >
          <Icon name="trash" className="size-3.5" />
        </Button>
      </footer>
    </article>
  );
}

export default function AccountsPage() {
  const { t } = useTranslation('accounts');
  // Live state: cooldowns end and circuits close on their own, so poll while the page is open.
  const accounts = useApi<{ accounts: AccountView[] }>('/admin/api/accounts', { refetchInterval: 5000 });
  const providers = useApi<{ providers: ProviderView[] }>('/admin/api/providers');
  const [editor, setEditor] = useState<{ editing: AccountView | null } | null>(null);
  const [deleting, setDeleting] = useState<AccountView | null>(null);
  const [reauthorizing, setReauthorizing] = useState<AccountView | null>(null);
  const remove = useAction((id: string) => api(`/admin/api/accounts/${id}`, { method: 'DELETE' }), {
    invalidates: ['/admin/api/accounts'],
    success: t('deleted'),
    onSuccess: () => setDeleting(null),
  });

  const add = (
    <Button
      variant="primary"
      icon={<Icon name="plus" />}
      onClick={() => setEditor({ editing: null })}
      disabled={!providers.data}
    >
      {t('addButton')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={add} />
      {accounts.isPending ? (
        <Spinner />
      ) : accounts.error || !accounts.data ? (
        <ErrorState error={accounts.error} retry={() => accounts.refetch()} />
      ) : accounts.data.accounts.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 dark:border-zinc-700">
          <EmptyState
            icon="server"
            title={t('empty.title')}
            description={t('empty.description')}
            action={add}
          />
        </div>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          {accounts.data.accounts.map((account) => (
            <AccountCard
              key={account.id}
              account={account}
              onEdit={() => setEditor({ editing: account })}
              onDelete={() => setDeleting(account)}
              onReauthorize={() => setReauthorizing(account)}
            />
          ))}
        </div>
      )}
      {editor && providers.data && (
        <AccountEditor
          providers={providers.data.providers}
          editing={editor.editing}
          onClose={() => setEditor(null)}
        />
      )}
      {reauthorizing && <ReauthorizeDialog account={reauthorizing} onClose={() => setReauthorizing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        busy={remove.isPending}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        confirmLabel={t('common:delete')}
      />
    </>
  );
}
