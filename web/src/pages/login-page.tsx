import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, api, errorMessage } from '../api/client';
import { type SessionAnswer, useSession } from '../api/session';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { Icon } from '../components/icons';
import { Tabs } from '../components/tabs';
import { Brand } from '../layout/brand';
import { LanguageSwitch, ThemeToggle } from '../layout/preferences';
import { homePath } from '../routes';

type Method = 'password' | 'code' | 'token';

function useSignIn() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation('login');
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 404 ? t('notAvailable') : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function PasswordForm() {
  const { t } = useTranslation('login');
  const { signedIn } = useSession();
  const { busy, error, run } = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () =>
      signedIn(await api<SessionAnswer>('/api/auth/login', { body: { username, password } })),
    );
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <TextField
        label={t('username')}
        name="username"
        autoComplete="username"
        required
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <TextField
        label={t('password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <FormError message={error} />
      <Button type="submit" variant="primary" busy={busy} className="w-full">
        {t('signIn')}
      </Button>
    </form>
  );
}

function CodeForm() {
  const { t } = useTranslation('login');
  const { signedIn } = useSession();
  const { busy, error, run } = useSignIn();
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sent) {
      void run(async () => {
        await api('/api/auth/code/request', { body: { username } });
        setSent(true);
      });
    } else {
      void run(async () =>
        signedIn(await api<SessionAnswer>('/api/auth/code/verify', { body: { username, code } })),
      );
    }
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <TextField
        label={t('username')}
        name="username"
        autoComplete="username"
        required
        value={username}
        disabled={sent}
        onChange={(e) => setUsername(e.target.value)}
      />
      {sent && (
        <>
          <p className="rounded-md bg-accent-50 px-3 py-2 text-sm text-accent-700 dark:bg-accent-500/10 dark:text-accent-400">
            {t('codeSent')}
          </p>
          <TextField
            label={t('code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            className="[&_input]:text-center [&_input]:font-mono [&_input]:text-lg [&_input]:tracking-[0.5em]"
          />
        </>
      )}
      <FormError message={error} />
      <Button type="submit" variant="primary" busy={busy} className="w-full">
        {sent ? t('verifyCode') : t('sendCode')}
      </Button>
      {sent && (
        <button
          type="button"
          className="text-sm text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200"
          onClick={() => setSent(false)}
        >
          {t('useAnotherUsername')}
        </button>
      )}
    </form>
  );
}

function TokenForm() {
  const { t } = useTranslation('login');
  const { signInWithToken } = useSession();
  const { busy, error, run } = useSignIn();
  const [token, setToken] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => signInWithToken(token.trim()));
      }}
      className="flex flex-col gap-4"
    >
      <TextField
        label={t('token')}
        name="token"
        type="password"
        autoComplete="off"
        required
        hint={t('tokenHint')}
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <FormError message={error} />
      <Button type="submit" variant="primary" busy={busy} className="w-full">
        {t('signIn')}
      </Button>
    </form>
  );
}

function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300"
    >
      <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
      {message}
    </p>
  );
}

export default function LoginPage() {
  const { t } = useTranslation('login');
  const { user, loading } = useSession();
  const [method, setMethod] = useState<Method>('password');
  const [params] = useSearchParams();
  const next = params.get('next');

  if (!loading && user) {
    // Only same-origin paths: `next` comes from the address bar.
    const target = next?.startsWith('/') && !next.startsWith('//') ? next : homePath(user.role);
    return <Navigate to={target} replace />;
  }

  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50 dark:bg-zinc-950">
      <div className="flex justify-end gap-1 p-4">
        <LanguageSwitch />
        <ThemeToggle />
      </div>
      <div className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-16">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex flex-col items-center gap-3 text-center">
            <Brand />
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
              {t('title')}
            </h1>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('subtitle')}</p>
          </div>
          <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <div className="mb-5 flex justify-center">
              <Tabs<Method>
                label={t('method')}
                value={method}
                onChange={setMethod}
                tabs={[
                  { value: 'password', label: t('passwordTab') },
                  { value: 'code', label: t('codeTab') },
                  { value: 'token', label: t('tokenTab') },
                ]}
              />
            </div>
            {method === 'password' && <PasswordForm />}
            {method === 'code' && <CodeForm />}
            {method === 'token' && <TokenForm />}
          </div>
          <p className="mt-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
            <Link
              to="/check-key"
              className="font-medium text-accent-600 hover:underline dark:text-accent-400"
            >
              {t('checkKey')}
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}
