import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../../api/hooks';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { type Column, DataTable } from '../../../components/data-table';
import { Dialog } from '../../../components/dialog';
import { TextField } from '../../../components/field';
import { Icon } from '../../../components/icons';
import { QueryState } from '../../../components/states';

interface Price {
  model: string;
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  source: string;
  effectiveFrom: string | null;
}

const rates = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;

function perMillion(value: number): string {
  return `$${value.toLocaleString('en-US', { maximumFractionDigits: 4 })}`;
}

/** Prices in USD per million tokens; an override is a new version, so past costs never change. */
export function PricesSection() {
  const { t } = useTranslation(['settings', 'common']);
  const prices = useApi<{ prices: Price[] }>('/admin/api/prices');
  const [editing, setEditing] = useState<Price | 'new' | null>(null);
  const remove = useApiMutation<void, string>(
    (model) => ({ path: `/admin/api/prices/${encodeURIComponent(model)}`, method: 'DELETE' }),
    {
      invalidates: ['/admin/api/prices'],
      success: t('prices.removed'),
    },
  );
  const columns: Column<Price>[] = [
    {
      id: 'model',
      header: t('prices.model'),
      sortValue: (p) => p.model,
      cell: (p) => <span className="font-mono text-xs">{p.model}</span>,
    },
    ...rates.map((rate) => ({
      id: rate,
      header: t(`prices.${rate}`),
      className: 'text-right tabular-nums',
      sortValue: (p: Price) => p[rate],
      cell: (p: Price) => perMillion(p[rate]),
    })),
    {
      id: 'source',
      header: t('prices.source'),
      cell: (p) => (
        <Badge tone={p.source === 'shipped' ? 'neutral' : 'violet'}>
          {t(`prices.sources.${p.source}`, { defaultValue: p.source })}
        </Badge>
      ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">{t('common:actions')}</span>,
      className: 'text-right',
      cell: (p) => (
        <div className="flex justify-end gap-1">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setEditing(p)}
            aria-label={t('prices.overrideFor', { model: p.model })}
          >
            {t('prices.override')}
          </Button>
          {p.source === 'override' && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => remove.mutate(p.model)}
              aria-label={t('prices.removeFor', { model: p.model })}
            >
              {t('prices.remove')}
            </Button>
          )}
        </div>
      ),
    },
  ];
  return (
    <QueryState query={prices}>
      {(data) => (
        <>
          <DataTable
            label={t('tabs.prices')}
            rows={data.prices}
            columns={columns}
            rowKey={(p) => p.model}
            searchText={(p) => p.model}
            pageSize={15}
            toolbar={
              <>
                <span className="text-xs text-zinc-500">{t('prices.unit')}</span>
                <Button
                  size="sm"
                  variant="primary"
                  icon={<Icon name="plus" className="size-3.5" />}
                  onClick={() => setEditing('new')}
                >
                  {t('prices.add')}
                </Button>
              </>
            }
          />
          {editing && (
            <PriceDialog price={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
          )}
        </>
      )}
    </QueryState>
  );
}

function PriceDialog({ price, onClose }: { price: Price | null; onClose: () => void }) {
  const { t } = useTranslation(['settings', 'common']);
  const [model, setModel] = useState(price?.model ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(rates.map((rate) => [rate, price ? String(price[rate]) : ''])),
  );
  const save = useApiMutation<Price, Record<string, number>>(
    (body) => ({ path: `/admin/api/prices/${encodeURIComponent(model.trim())}`, method: 'PUT', body }),
    { invalidates: ['/admin/api/prices'], success: t('prices.saved'), onSuccess: onClose },
  );
  const invalid = rates.filter((rate) => {
    const text = values[rate]?.trim() ?? '';
    if (text === '') return rate === 'input' || rate === 'output';
    return !(Number(text) >= 0);
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (invalid.length > 0 || model.trim() === '') return;
    const body: Record<string, number> = {};
    for (const rate of rates) if (values[rate]?.trim()) body[rate] = Number(values[rate]);
    save.mutate(body);
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title={price ? t('prices.overrideFor', { model: price.model }) : t('prices.add')}
      description={t('prices.dialogHint')}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="price-form"
            busy={save.isPending}
            disabled={invalid.length > 0 || !model.trim()}
          >
            {t('common:save')}
          </Button>
        </>
      }
    >
      <form id="price-form" onSubmit={submit} className="grid gap-3 sm:grid-cols-2">
        <TextField
          className="sm:col-span-2"
          label={t('prices.model')}
          value={model}
          disabled={Boolean(price)}
          required
          onChange={(e) => setModel(e.target.value)}
        />
        {rates.map((rate) => (
          <TextField
            key={rate}
            label={t(`prices.${rate}`)}
            inputMode="decimal"
            value={values[rate] ?? ''}
            placeholder={rate === 'input' || rate === 'output' ? '' : t('prices.derived')}
            onChange={(e) => setValues({ ...values, [rate]: e.target.value })}
          />
        ))}
      </form>
    </Dialog>
  );
}
