import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { type Column, DataTable } from '../../components/data-table';
import { parseList, SelectField, TextAreaField, TextField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/states';
import type { Application, ApplicationKind } from '../../features/applications/application';
import { applicationColumns } from '../../features/applications/application-columns';
import { type LimitField, limitFields } from '../../features/limits/limits-editor';

/** Apply for access to a model group or for a higher quota; follow and withdraw applications. */
export default function ApplyPage() {
  const { t } = useTranslation(['apply', 'approvals', 'limits', 'common']);
  const applications = useApi<{ applications: Application[] }>('/api/applications');
  const withdraw = useApiMutation<Application, string>(
    (id) => ({ path: `/api/applications/${encodeURIComponent(id)}/withdraw`, body: {} }),
    {
      invalidates: ['/api/applications'],
      success: t('withdrawn'),
    },
  );
  const columns: Column<Application>[] = [
    ...applicationColumns(t),
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
      {/* Tracks of minmax(0, …) and a min-w-0 list: the table scrolls inside its card instead of
          widening the grid (and the page) to its own width on a phone. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <ApplicationForm />
        <div className="min-w-0">
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

/** Model access names models (patterns) and/or an account group; a quota raise names one limit. */
function ApplicationForm() {
  const { t } = useTranslation(['apply', 'approvals', 'limits', 'common']);
  const [kind, setKind] = useState<ApplicationKind>('model-access');
  const [models, setModels] = useState('');
  const [group, setGroup] = useState('');
  const [limit, setLimit] = useState<LimitField>('monthlyCostLimit');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const submit = useApiMutation<Application, Record<string, unknown>>(
    (body) => ({ path: '/api/applications', body }),
    {
      invalidates: ['/api/applications'],
      success: t('submitted'),
      onSuccess: () => {
        setModels('');
        setGroup('');
        setAmount('');
        setReason('');
      },
    },
  );
  const value = Number(amount);
  const amountValid = value > 0 && (/Cost|Budget/.test(limit) || Number.isInteger(value));
  const namesAccess = parseList(models).length > 0 || group.trim() !== '';
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (kind === 'model-access') {
      if (!namesAccess) return;
      const asked = parseList(models);
      submit.mutate({
        kind,
        reason: reason.trim(),
        ...(asked.length ? { models: asked } : {}),
        ...(group.trim() ? { group: group.trim() } : {}),
      });
    } else if (amountValid) {
      submit.mutate({ kind, reason: reason.trim(), limits: { [limit]: value } });
    }
  }
  return (
    <Card title={t('new')}>
      <form onSubmit={onSubmit} className="space-y-4">
        <SelectField
          label={t('kind')}
          value={kind}
          onChange={(event) => setKind(event.target.value as ApplicationKind)}
          options={[
            { value: 'model-access', label: t('kinds.model-access') },
            { value: 'quota', label: t('kinds.quota') },
          ]}
        />
        {kind === 'model-access' ? (
          <>
            <TextAreaField
              label={t('models')}
              hint={t('modelsHint')}
              rows={2}
              placeholder="claude-opus-*"
              value={models}
              onChange={(e) => setModels(e.target.value)}
            />
            <TextField
              label={t('group')}
              hint={t('groupHint')}
              value={group}
              onChange={(e) => setGroup(e.target.value)}
            />
          </>
        ) : (
          <div className="grid grid-cols-2 gap-3">
            <SelectField
              label={t('limit')}
              value={limit}
              onChange={(e) => setLimit(e.target.value as LimitField)}
              options={limitFields.map((field) => ({ value: field, label: t(`limits:fields.${field}`) }))}
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
        <Button
          type="submit"
          variant="primary"
          busy={submit.isPending}
          disabled={kind === 'model-access' ? !namesAccess : !amountValid}
          className="w-full"
        >
          {t('submit')}
        </Button>
      </form>
    </Card>
  );
}
