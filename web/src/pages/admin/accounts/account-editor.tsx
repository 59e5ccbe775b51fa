import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction } from '../../../api/hooks';
import type { AccountView, ProviderView } from '../../../api/types';
import { Button } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { AccountForm, accountFormState, claudeOAuthType, toAccountBody } from './account-form';
import { NewClaudeAccountDialog } from './claude-oauth-connect';

/** Pick a type (the server's provider list), then fill the form that fits it. */
export function AccountEditor({
  providers,
  editing,
  onClose,
}: {
  providers: ProviderView[];
  editing: AccountView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('accounts');
  const [type, setType] = useState<string | null>(editing?.type ?? null);
  const [state, setState] = useState(() => accountFormState(editing?.type ?? '', editing ?? undefined));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction(
    (body: Record<string, unknown>) =>
      editing
        ? api<AccountView>(`/admin/api/accounts/${editing.id}`, { method: 'PATCH', body })
        : api<AccountView>('/admin/api/accounts', { body }),
    {
      invalidates: ['/admin/api/accounts'],
      success: editing ? t('common:saved') : t('added'),
      onSuccess: onClose,
    },
  );
  const submit = () => {
    const parsed = toAccountBody(state, editing !== null);
    if ('invalid' in parsed) return setInvalid(parsed.invalid);
    setInvalid(null);
    save.mutate(parsed.body);
  };

  const provider = providers.find((candidate) => candidate.type === type);
  // A new Claude subscription is added by its login: the same fields, sent with the pasted code.
  if (!editing && type === claudeOAuthType)
    return (
      <NewClaudeAccountDialog
        state={state}
        onChange={setState}
        provider={provider}
        onBack={() => setType(null)}
        onClose={onClose}
      />
    );
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={editing ? t('editTitle', { name: editing.name }) : t('addTitle')}
      description={type ? t(`type.${type}.description`, { defaultValue: type }) : t('chooseType')}
      footer={
        type && (
          <>
            {!editing && <Button onClick={() => setType(null)}>{t('back')}</Button>}
            <Button variant="primary" busy={save.isPending} onClick={submit} disabled={!state.name.trim()}>
              {editing ? t('common:save') : t('add')}
            </Button>
          </>
        )
      }
    >
      {type === null ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {providers.map((candidate) => (
            <button
              key={candidate.type}
              type="button"
              onClick={() => {
                setType(candidate.type);
                setState(accountFormState(candidate.type));
              }}
              className="rounded-lg border border-zinc-200 p-4 text-left transition-colors hover:border-accent-500 hover:bg-accent-50/50 dark:border-zinc-700 dark:hover:bg-accent-500/10"
            >
              <p className="font-medium">
                {t(`type.${candidate.type}.name`, { defaultValue: candidate.type })}
              </p>
              <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                {t(`type.${candidate.type}.description`, { defaultValue: candidate.dialects.join(', ') })}
              </p>
            </button>
          ))}
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <AccountForm
            state={state}
            onChange={setState}
            provider={provider}
            editing={editing !== null}
            invalid={invalid}
            headerNames={editing?.extraHeaders}
          />
        </form>
      )}
    </Dialog>
  );
}
