import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, toApiError } from '../../api/client';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, StatCard } from '../../components/card';
import { TextField } from '../../components/field';
import { ErrorState } from '../../components/states';
import { BudgetList, type BudgetStanding } from '../../features/quota/budget-list';
import { Brand } from '../../layout/brand';
import { LanguageSwitch, ThemeToggle } from '../../layout/preferences';
import { formatCompact, formatCost, formatDateTime, formatNumber } from '../../lib/format';

interface UsageTotals {
  requests: number;
  tokens: number;
  cost: number;
}

/** `GET /api/public/key-usage`: the presented key's standing, nothing about anyone else. */
interface KeyUsage {
  name: string;
  keyPreview: string;
  enabled: boolean;
  expiresAt: string | null;
  expired: boolean;
  usage: { today: UsageTotals; month: UsageTotals };
  rpmLimit: Array<{ scope: 'key' | 'user'; limit: number }>;
  budgets: BudgetStanding[];
}

/** Asks with the key itself as the credential; the key never goes into a URL or storage. */
async function lookUp(key: string): Promise<KeyUsage> {
  const response = await fetch('/api/public/key-usage', {
    headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
    credentials: 'omit',
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw toApiError(response.status, parsed, text);
  return parsed as KeyUsage;
}

/** The public "check my key" page: paste a key, see its usage and what is left. No sign-in. */
export default function CheckKeyPage() {
  const { t } = useTranslation('check-key');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<KeyUsage | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await lookUp(key.trim()));
    } catch (caught) {
      setResult(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50 dark:bg-zinc-950">
      <div className="flex items-center justify-between gap-1 p-4">
        <Link to="/login" aria-label={t('home')}>
          <Brand />
        </Link>
        <div className="flex gap-1">
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </div>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 pt-[4vh] pb-16">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          {t('title')}
        </h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t('subtitle')}</p>
        <form
          onSubmit={submit}
          className="mt-6 flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end dark:border-zinc-800 dark:bg-zinc-900"
        >
          <TextField
            className="flex-1"
            label={t('key')}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sk-gate-…"
            hint={t('keyHint')}
            value={key}
            required
            onChange={(event) => setKey(event.target.value)}
          />
          <Button type="submit" variant="primary" busy={busy} disabled={!key.trim()} className="sm:mb-5">
            {t('check')}
          </Button>
        </form>
        <div className="mt-6" aria-live="polite">
          {error != null && <LookupError error={error} />}
          {result && <KeyReport report={result} />}
        </div>
      </main>
    </div>
  );
}

function LookupError({ error }: { error: unknown }) {
  const { t } = useTranslation('check-key');
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return <ErrorState error={new Error(t('invalidKey'))} />;
  }
  if (error instanceof ApiError && error.status === 429)
    return <ErrorState error={new Error(t('tooMany'))} />;
  return <ErrorState error={error} />;
}

function KeyReport({ report }: { report: KeyUsage }) {
  const { t } = useTranslation('check-key');
  const state = !report.enabled ? 'inactive' : report.expired ? 'expired' : 'active';
  return (
    <div className="space-y-4" data-testid="key-report">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-zinc-900 dark:text-zinc-100">{report.name}</span>
        <code className="text-xs text-zinc-500">{report.keyPreview}</code>
        <Badge tone={state === 'active' ? 'green' : state === 'expired' ? 'amber' : 'neutral'} dot>
          {t(state)}
        </Badge>
        {report.expiresAt && (
          <span className="text-zinc-500">{t('expires', { date: formatDateTime(report.expiresAt) })}</span>
        )}
      </div>
      {(['today', 'month'] as const).map((period) => (
        <section key={period} aria-label={t(period)}>
          <h2 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
            {t(period)}
          </h2>
          <div className="grid grid-cols-3 gap-3">
            <StatCard label={t('requests')} value={formatNumber(report.usage[period].requests)} />
            <StatCard label={t('tokens')} value={formatCompact(report.usage[period].tokens)} />
            <StatCard label={t('cost')} value={formatCost(report.usage[period].cost)} />
          </div>
        </section>
      ))}
      <Card title={t('remaining')}>
        <BudgetList budgets={report.budgets} empty={t('noLimits')} />
        {report.rpmLimit.length > 0 && (
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-300">
            {report.rpmLimit
              .map((window) => t(window.scope === 'user' ? 'rpmShared' : 'rpm', { count: window.limit }))
              .join(' · ')}
          </p>
        )}
      </Card>
    </div>
  );
}
