import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, toApiError } from '../../api/client';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, StatCard } from '../../components/card';
import { TextField } from '../../components/field';
import { ErrorState } from '../../components/states';
import { QuotaList } from '../../features/quota/quota-list';
import { totalTokens, type UsageFigures } from '../../features/usage/usage-query';
import { Brand } from '../../layout/brand';
import { LanguageSwitch, ThemeToggle } from '../../layout/preferences';
import { formatCompact, formatCost, formatDateTime, formatNumber } from '../../lib/format';

interface KeyUsage {
  key?: {
    name?: string;
    suffix?: string;
    last4?: string;
    enabled?: boolean;
    expiresAt?: string | null;
  } | null;
  usage?: Partial<UsageFigures> | null;
  limits?: Record<string, unknown> | null;
  remaining?: Record<string, unknown> | null;
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
  const usage = report.usage ?? {};
  const figures: UsageFigures = {
    requests: usage.requests ?? 0,
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    cacheReadTokens: usage.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.cacheWriteTokens ?? 0,
    cost: usage.cost ?? 0,
    errors: usage.errors ?? 0,
  };
  const suffix = report.key?.suffix ?? report.key?.last4;
  return (
    <div className="space-y-4" data-testid="key-report">
      {report.key && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-semibold text-zinc-900 dark:text-zinc-100">{report.key.name}</span>
          {suffix && <code className="text-xs text-zinc-500">…{suffix}</code>}
          {report.key.enabled !== undefined && (
            <Badge tone={report.key.enabled ? 'green' : 'neutral'} dot>
              {report.key.enabled ? t('active') : t('inactive')}
            </Badge>
          )}
          {report.key.expiresAt && (
            <span className="text-zinc-500">
              {t('expires', { date: formatDateTime(report.key.expiresAt) })}
            </span>
          )}
        </div>
      )}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <StatCard label={t('requests')} value={formatNumber(figures.requests)} />
        <StatCard label={t('tokens')} value={formatCompact(totalTokens(figures))} />
        <StatCard label={t('cost')} value={formatCost(figures.cost)} />
      </div>
      <Card title={t('remaining')}>
        <QuotaList values={report.remaining} empty={t('noLimits')} />
      </Card>
      {report.limits && (
        <Card title={t('limits')}>
          <QuotaList values={report.limits} empty={t('noLimits')} />
        </Card>
      )}
    </div>
  );
}
