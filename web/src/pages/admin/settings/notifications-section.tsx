import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../../api/hooks';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { TextField, Toggle } from '../../../components/field';
import { Icon } from '../../../components/icons';
import { ErrorState, Spinner } from '../../../components/states';

interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  from: string;
  passwordSet: boolean;
}
interface WebhookSettings {
  url: string;
  timeoutMs: number;
  secretSet: boolean;
}
/** As the API presents them: secrets only as set or not. */
interface NotificationSettings {
  source?: string;
  smtp: SmtpSettings | null;
  webhook: WebhookSettings | null;
}
interface DeliveryReport {
  delivered: boolean;
  results: Array<{ channel: string; ok: boolean; detail: string }>;
  skipped?: string;
}

const path = '/admin/api/settings/notifications';

/** Where one-time codes, approval notices and alerts go: an SMTP server and/or a signed webhook. */
export function NotificationsSection() {
  const { t } = useTranslation('settings');
  const settings = useApi<NotificationSettings>(path);
  if (settings.isPending) return <Spinner />;
  if (settings.error || !settings.data)
    return <ErrorState error={settings.error} retry={() => settings.refetch()} />;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <SmtpCard settings={settings.data} />
      <WebhookCard settings={settings.data} />
      <p className="text-xs text-zinc-500 lg:col-span-2 dark:text-zinc-400">
        {t('notifications.secretsHint')}
      </p>
      {(settings.data.smtp || settings.data.webhook) && <TestSend />}
    </div>
  );
}

/** PUT changes only the channel named; a secret left out is kept by the server. */
function useSave() {
  const { t } = useTranslation('settings');
  return useApiMutation<NotificationSettings, Record<string, unknown>>(
    (change) => ({ path, method: 'PUT', body: change }),
    {
      invalidates: [path],
      success: t('notifications.saved'),
    },
  );
}

/** Sends a test through every configured channel and shows what each one answered. */
function TestSend() {
  const { t } = useTranslation('settings');
  const [to, setTo] = useState('');
  const [report, setReport] = useState<DeliveryReport | null>(null);
  const test = useApiMutation<DeliveryReport, void>(
    () => ({ path: `${path}/test`, body: to.trim() ? { to: to.trim() } : {} }),
    {
      onSuccess: setReport,
    },
  );
  return (
    <Card title={t('notifications.test')} className="lg:col-span-2">
      <form
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          test.mutate();
        }}
      >
        <TextField
          className="flex-1"
          label={t('notifications.testAddress')}
          hint={t('notifications.testAddressHint')}
          type="email"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <Button
          type="submit"
          className="sm:mb-5"
          icon={<Icon name="send" className="size-3.5" />}
          busy={test.isPending}
        >
          {t('notifications.sendTest')}
        </Button>
      </form>
      {report && (
        <ul className="mt-3 space-y-1.5 text-sm" aria-live="polite" data-testid="test-report">
          {report.skipped && <li className="text-zinc-500">{report.skipped}</li>}
          {report.results.map((result) => (
            <li key={result.channel} className="flex flex-wrap items-center gap-2">
              <Badge tone={result.ok ? 'green' : 'red'} dot>
                {result.ok ? t('notifications.delivered') : t('notifications.failed')}
              </Badge>
              <span className="font-medium">
                {t(`notifications.channels.${result.channel}`, { defaultValue: result.channel })}
              </span>
              <span className="text-xs text-zinc-500 break-all">{result.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function SmtpCard({ settings }: { settings: NotificationSettings }) {
  const { t } = useTranslation(['settings', 'common']);
  const save = useSave();
  const current = settings.smtp;
  const [enabled, setEnabled] = useState(current !== null);
  const [form, setForm] = useState({
    host: '',
    port: '587',
    secure: false,
    user: '',
    password: '',
    from: '',
  });
  useEffect(() => {
    setEnabled(current !== null);
    setForm({
      host: current?.host ?? '',
      port: String(current?.port ?? 587),
      secure: current?.secure ?? false,
      user: current?.user ?? '',
      password: '',
      from: current?.from ?? '',
    });
  }, [current]);
  function submit(event: FormEvent) {
    event.preventDefault();
    const smtp = enabled
      ? {
          host: form.host.trim(),
          port: Number(form.port),
          secure: form.secure,
          from: form.from.trim(),
          user: form.user.trim() || null,
          ...(form.password ? { password: form.password } : {}),
        }
      : null;
    save.mutate({ smtp });
  }
  return (
    <Card title={t('notifications.email')}>
      <form onSubmit={submit} className="space-y-3">
        <Toggle label={t('notifications.emailEnabled')} checked={enabled} onChange={setEnabled} />
        {enabled && (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={t('notifications.host')}
              required
              value={form.host}
              onChange={(e) => setForm({ ...form, host: e.target.value })}
            />
            <TextField
              label={t('notifications.port')}
              inputMode="numeric"
              required
              value={form.port}
              onChange={(e) => setForm({ ...form, port: e.target.value })}
            />
            <TextField
              label={t('notifications.user')}
              autoComplete="off"
              value={form.user}
              onChange={(e) => setForm({ ...form, user: e.target.value })}
            />
            <TextField
              label={t('notifications.password')}
              type="password"
              autoComplete="new-password"
              placeholder={current?.passwordSet ? t('notifications.unchanged') : ''}
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
            <TextField
              className="sm:col-span-2"
              label={t('notifications.from')}
              required
              placeholder="Gatehouse <gatehouse@example.org>"
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.target.value })}
            />
            <div className="sm:col-span-2">
              <Toggle
                label={t('notifications.secure')}
                hint={t('notifications.secureHint')}
                checked={form.secure}
                onChange={(secure) => setForm({ ...form, secure })}
              />
            </div>
          </div>
        )}
        <div className="flex justify-end">
          <Button variant="primary" type="submit" busy={save.isPending}>
            {t('common:save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function WebhookCard({ settings }: { settings: NotificationSettings }) {
  const { t } = useTranslation(['settings', 'common']);
  const save = useSave();
  const current = settings.webhook;
  const [enabled, setEnabled] = useState(current !== null);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  useEffect(() => {
    setEnabled(current !== null);
    setUrl(current?.url ?? '');
    setSecret('');
  }, [current]);
  return (
    <Card title={t('notifications.webhook')}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            webhook: enabled
              ? { url: url.trim(), timeoutMs: current?.timeoutMs ?? 10_000, ...(secret ? { secret } : {}) }
              : null,
          });
        }}
      >
        <Toggle
          label={t('notifications.webhookEnabled')}
          hint={t('notifications.webhookHint')}
          checked={enabled}
          onChange={setEnabled}
        />
        {enabled && (
          <div className="grid gap-3">
            <TextField
              label={t('notifications.url')}
              type="url"
              required
              placeholder="https://hooks.example.org/gatehouse"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
            <TextField
              label={t('notifications.secret')}
              type="password"
              autoComplete="new-password"
              hint={t('notifications.secretHint')}
              placeholder={current?.secretSet ? t('notifications.unchanged') : ''}
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          </div>
        )}
        <div className="flex justify-end">
          <Button variant="primary" type="submit" busy={save.isPending}>
            {t('common:save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
