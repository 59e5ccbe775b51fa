import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction } from '../../../api/hooks';
import type { AccountView, ProviderView } from '../../../api/types';
import { Button, buttonClass } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { TextField } from '../../../components/field';
import { Icon } from '../../../components/icons';
import { AccountForm, type AccountFormState, toAccountBody } from './account-form';

interface OAuthStart {
  authorizationUrl: string;
  state: string;
  expiresAt: string;
}

/**
 * A Claude login for a new account (or, with `accountId`, for an existing one), started as soon as
 * the form shows: the authorization page is then a plain link, which no popup blocker stops.
 */
export function useClaudeLogin(accountId?: string) {
  const [started, setStarted] = useState<OAuthStart | null>(null);
  const [code, setCode] = useState('');
  const start = useAction(
    () => api<OAuthStart>('/admin/api/accounts/oauth/start', { body: accountId ? { accountId } : {} }),
    { onSuccess: setStarted },
  );
  const { mutate } = start;
  useEffect(() => mutate(), [mutate]);
  return {
    started,
    starting: start.isPending,
    restart: () => {
      setCode('');
      mutate();
    },
    code,
    setCode,
    /** The exchange body's login part; the pasted text goes as is (`code#state`). */
    exchangeFields: () => ({ state: started?.state, code: code.trim() }),
    ready: started !== null && code.trim() !== '',
  };
}

export type ClaudeLogin = ReturnType<typeof useClaudeLogin>;

/** Step one: open Claude's authorization page; step two: paste the code it shows. */
export function ClaudeLoginSteps({ login }: { login: ClaudeLogin }) {
  const { t } = useTranslation('accounts');
  return (
    <div className="space-y-3 rounded-lg border border-accent-100 bg-accent-50/40 p-4 sm:col-span-2 dark:border-accent-500/30 dark:bg-accent-500/5">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{t('oauth.steps')}</p>
      <div className="flex flex-wrap items-center gap-2">
        {login.started ? (
          <a
            href={login.started.authorizationUrl}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClass('primary', 'md', 'gap-1.5')}
          >
            <Icon name="external" className="size-4" />
            {t('oauth.open')}
          </a>
        ) : (
          <Button variant="primary" busy={login.starting} onClick={login.restart}>
            {t('oauth.open')}
          </Button>
        )}
        {login.started && (
          <Button size="sm" variant="ghost" onClick={login.restart} busy={login.starting}>
            {t('oauth.restart')}
          </Button>
        )}
      </div>
      <TextField
        label={t('oauth.code')}
        autoComplete="off"
        spellCheck={false}
        value={login.code}
        placeholder="abc123…#xyz789…"
        onChange={(event) => login.setCode(event.target.value)}
        hint={t('oauth.codeHint')}
      />
    </div>
  );
}

/** New tokens for an existing Claude subscription account: its settings and statistics stay. */
export function ReauthorizeDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const login = useClaudeLogin(account.id);
  const connect = useAction(
    () =>
      api<AccountView>('/admin/api/accounts/oauth/exchange', {
        body: { accountId: account.id, ...login.exchangeFields() },
      }),
    { invalidates: ['/admin/api/accounts'], success: t('oauth.reauthorized'), onSuccess: onClose },
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('oauth.reauthorizeTitle', { name: account.name })}
      description={t('oauth.reauthorizeDescription')}
      footer={
        <Button
          variant="primary"
          busy={connect.isPending}
          disabled={!login.ready}
          onClick={() => connect.mutate()}
        >
          {t('oauth.connect')}
        </Button>
      }
    >
      <form
        className="grid"
        onSubmit={(event) => {
          event.preventDefault();
          if (login.ready) connect.mutate();
        }}
      >
        <ClaudeLoginSteps login={login} />
      </form>
    </Dialog>
  );
}

/** A new Claude subscription account: its fields, then the login that gives it tokens. */
export function NewClaudeAccountDialog({
  state,
  onChange,
  provider,
  onBack,
  onClose,
}: {
  state: AccountFormState;
  onChange: (state: AccountFormState) => void;
  provider: ProviderView | undefined;
  onBack: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('accounts');
  const login = useClaudeLogin();
  const [invalid, setInvalid] = useState<string | null>(null);
  const connect = useAction(
    (body: Record<string, unknown>) => api<AccountView>('/admin/api/accounts/oauth/exchange', { body }),
    { invalidates: ['/admin/api/accounts'], success: t('oauth.connected'), onSuccess: onClose },
  );
  const submit = () => {
    const parsed = toAccountBody(state, false);
    if ('invalid' in parsed) return setInvalid(parsed.invalid);
    setInvalid(null);
    const { type: _type, ...fields } = parsed.body;
    connect.mutate({ ...fields, ...login.exchangeFields() });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={t('addTitle')}
      description={t('type.claude-oauth.description')}
      footer={
        <>
          <Button onClick={onBack}>{t('back')}</Button>
          <Button
            variant="primary"
            busy={connect.isPending}
            onClick={submit}
            disabled={!state.name.trim() || !login.ready}
          >
            {t('oauth.connect')}
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <ClaudeLoginSteps login={login} />
        <AccountForm
          state={state}
          onChange={onChange}
          provider={provider}
          editing={false}
          invalid={invalid}
        />
      </form>
    </Dialog>
  );
}
