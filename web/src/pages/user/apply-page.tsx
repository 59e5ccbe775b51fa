import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { type Column, DataTable } from '../../components/data-table';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/states';
import {
  type Application,
  applicationKind,
  requestedChange,
  reviewerComment,
  statusTone,
} from '../../features/applications/application';
import { formatDateTime } from '../../lib/format';

type Kind = 'models' | 'quota';

/** Apply for access to a model group or for a higher quota; follow and withdraw applications. */
export default function ApplyPage() {
  const { t } = useTranslation(['apply', 'approvals', 'common']);
  const applications = useApi<{ applications: Application[] }>('/api/applications');
  const withdraw = useApiMutation<Application, string>(
    (id) => ({ path: `/api/applications/${encodeURIComponent(id)}/withdraw`, body: {} }),
    {
      invalidates: ['/api/applications'],
      success: t('withdrawn'),
    },
  );
  const columns: Column<Application>[] = [
    {
      id: 'kind',
      header: t('approvals:kind'),
      cell: (a) => <Badge tone="violet">{t(`approvals:kinds.${applicationKind(a)}`)}</Badge>,
    },
    {
      id: 'change',
      header: t('approvals:requested'),
      cell: (a) => <span className="font-mono text-xs">{requestedChange(a) || '—'}</span>,
    },
    {
      id: 'reason',
      header: t('approvals:reason'),
      cell: (a) => (
        <div className="max-w-xs">
          <p className="line-clamp-2">{a.reason || '—'}</p>
          {reviewerComment(a) && (
            <p className="mt-1 text-xs text-zinc-500">
              {t('approvals:comment')}: {reviewerComment(a)}
            </p>
          )}
        </div>
      ),
    },
    {
      id: 'created',
      header: t('approvals:submitted'),
      cell: (a) => <span className="whitespace-nowrap text-zinc-500">{formatDateTime(a.createdAt)}</span>,
    },
    {
      id: 'status',
      header: t('approvals:status'),
      cell: (a) => (
        <Badge tone={statusTone[a.status]} dot>
          {t(`approvals:statuses.${a.status}`)}
        </Badge>
      ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">{t('common:actions')}</span>,
      className: 'text-right',
      cell: (a) =>
        a.status === 'pending' ? (
          <Button
            size="sm"
            variant="ghost"
            busy={withdraw.isPending && withdraw.variables === a.id}
            onClick={() => withdraw.mutate(a.id)}
          >
            {t('withdraw')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_1fr]">
        <ApplicationForm />
        <div>
          <h2 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('mine')}</h2>
          <QueryState query={applications}>
            {(data) => (
              <DataTable
                label={t('mine')}
                rows={data.applications}
                columns={columns}
                rowKey={(a) => a.id}
                empty={<p className="px-4 py-10 text-center text-sm text-zinc-500">{t('none')}</p>}
              />
            )}
          </QueryState>
        </div>
      </div>
    </>
  );
}

function ApplicationForm() {
  const { t } = useTranslation(['apply', 'common']);
  const [kind, setKind] = useState<Kind>('models');
  const [group, setGroup] = useState('');
  const [limit, setLimit] = useState('costLimits.month');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const submit = useApiMutation<Application, Record<string, unknown>>(
    (body) => ({ path: '/api/applications', body }),
    {
      invalidates: ['/api/applications'],
      success: t('submitted'),
      onSuccess: () => {
        setGroup('');
        setAmount('');
        setReason('');
      },
    },
  );
  const amountValid = kind === 'models' || Number(amount) > 0;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!amountValid) return;
    if (kind === 'models')
      submit.mutate({ kind: 'model-access', group: group.trim(), reason: reason.trim() });
    else {
      const [scope, period] = limit.split('.') as [string, string | undefined];
      const limits = period ? { [scope]: { [period]: Number(amount) } } : { [scope]: Number(amount) };
      submit.mutate({ kind: 'quota-raise', limits, reason: reason.trim() });
    }
  }
  return (
    <Card title={t('new')}>
      <form onSubmit={onSubmit} className="space-y-4">
        <SelectField
          label={t('kind')}
          value={kind}
          onChange={(event) => setKind(event.target.value as Kind)}
          options={[
            { value: 'models', label: t('kinds.models') },
            { value: 'quota', label: t('kinds.quota') },
          ]}
        />
        {kind === 'models' ? (
          <TextField
            label={t('group')}
            hint={t('groupHint')}
            required
            value={group}
            onChange={(e) => setGroup(e.target.value)}
          />
        ) : (
          <div className="grid grid-cols-2 gap-3">
            <SelectField
              label={t('limit')}
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
              options={[
                'costLimits.day',
                'costLimits.month',
                'tokenLimits.day',
                'tokenLimits.month',
                'rpmLimit',
                'totalBudget',
              ].map((path) => ({
                value: path,
                label: t(`limits:fields.${path}`),
              }))}
            />
            <TextField
              label={t('amount')}
              inputMode="decimal"
              required
              value={amount}
              error={amount && !amountValid ? t('amountInvalid') : undefined}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
        )}
        <TextAreaField
          label={t('reason')}
          hint={t('reasonHint')}
          required
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Button type="submit" variant="primary" busy={submit.isPending} className="w-full">
          {t('submit')}
        </Button>
      </form>
    </Card>
  );
}
