import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction, useApi, useApiMutation } from '../../../api/hooks';
import type { Role } from '../../../api/session';
import { Button } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { parseList, SelectField, TextAreaField, TextField, Toggle } from '../../../components/field';
import { ErrorState, Spinner } from '../../../components/states';
import {
  type LimitField,
  LimitsEditor,
  type LimitValues,
  limitFields,
  limitsFromForm,
  limitsToForm,
} from '../../../features/limits/limits-editor';

export interface ManagedUser {
  id: string;
  username: string;
  role: Role;
  enabled: boolean;
  email: string | null;
  displayName: string | null;
  hasPassword: boolean;
  createdAt: string;
}

/** `GET/PATCH /admin/api/users/:id/limits`: shared by all of the user's keys. */
export type UserLimits = LimitValues & { allowedModels: string[]; deniedModels: string[] };

const minPassword = 8;
const userPath = (id: string) => `/admin/api/users/${encodeURIComponent(id)}`;

/** Create a user, or edit one's role, status, profile, limits and model rules. */
export function UserDialog({ user, onClose }: { user?: ManagedUser; onClose: () => void }) {
  const { t } = useTranslation(['users', 'common']);
  const limits = useApi<UserLimits>(user ? `${userPath(user.id)}/limits` : null);
  const title = user ? t('editTitle', { user: user.username }) : t('newUser');
  if (!user) return <UserForm title={title} onClose={onClose} />;
  if (limits.isPending || limits.error || !limits.data) {
    return (
      <Dialog open onClose={onClose} size="lg" title={title}>
        {limits.isPending ? <Spinner /> : <ErrorState error={limits.error} retry={() => limits.refetch()} />}
      </Dialog>
    );
  }
  return <UserForm title={title} user={user} limits={limits.data} onClose={onClose} />;
}

function UserForm({
  title,
  user,
  limits: current,
  onClose,
}: {
  title: string;
  user?: ManagedUser;
  limits?: UserLimits;
  onClose: () => void;
}) {
  const { t } = useTranslation(['users', 'limits', 'common']);
  const [username, setUsername] = useState(user?.username ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(user?.role ?? 'user');
  const [enabled, setEnabled] = useState(user?.enabled ?? true);
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [limits, setLimits] = useState(() => limitsToForm(current));
  const [allowedModels, setAllowedModels] = useState(current?.allowedModels.join('\n') ?? '');
  const [deniedModels, setDeniedModels] = useState(current?.deniedModels.join('\n') ?? '');
  const [invalid, setInvalid] = useState<LimitField[]>([]);
  const passwordShort = !user && password.length > 0 && password.length < minPassword;
  // Two calls: the profile (users API) and the limits (their own resource). A new user gets limits
  // only when some were set.
  const save = useAction(
    async ({ profile, policy }: { profile: Record<string, unknown>; policy: UserLimits }) => {
      const saved = user
        ? await api<ManagedUser>(userPath(user.id), { method: 'PATCH', body: profile })
        : await api<ManagedUser>('/admin/api/users', { method: 'POST', body: profile });
      if (user || !isUnlimited(policy)) {
        await api(`${userPath(saved.id)}/limits`, { method: 'PATCH', body: policy });
      }
      return saved;
    },
    {
      invalidates: ['/admin/api/users'],
      success: user ? t('updated') : t('createdToast'),
      onSuccess: onClose,
    },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = limitsFromForm(limits);
    setInvalid(parsed.invalid);
    if (parsed.invalid.length > 0 || passwordShort) return;
    const policy = {
      ...parsed.limits,
      allowedModels: parseList(allowedModels),
      deniedModels: parseList(deniedModels),
    };
    const profile: Record<string, unknown> = {
      role,
      enabled,
      email: email.trim() || null,
      displayName: displayName.trim() || null,
    };
    // No password: the user signs in by one-time code or LDAP only.
    if (!user) Object.assign(profile, { username: username.trim() }, password ? { password } : {});
    save.mutate({ profile, policy });
  }
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={title}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button variant="primary" type="submit" form="user-form" busy={save.isPending}>
            {user ? t('common:save') : t('common:create')}
          </Button>
        </>
      }
    >
      <form id="user-form" onSubmit={submit} className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('username')}
            value={username}
            disabled={Boolean(user)}
            required
            autoComplete="off"
            onChange={(event) => setUsername(event.target.value)}
          />
          {!user && (
            <TextField
              label={t('password')}
              type="password"
              value={password}
              minLength={minPassword}
              autoComplete="new-password"
              hint={t('optionalPasswordHint', { count: minPassword })}
              error={passwordShort ? t('passwordHint', { count: minPassword }) : undefined}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
          <TextField
            label={t('displayName')}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          <TextField
            label={t('email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <SelectField
            label={t('role')}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            options={[
              { value: 'user', label: t('common:role.user') },
              { value: 'admin', label: t('common:role.admin') },
            ]}
            hint={t('roleHint')}
          />
          <div className="flex items-end pb-1">
            <Toggle
              label={t('enabledLabel')}
              hint={t('enabledHint')}
              checked={enabled}
              onChange={setEnabled}
            />
          </div>
        </div>
        <LimitsEditor values={limits} onChange={setLimits} invalid={invalid} />
        <fieldset>
          <legend className="mb-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {t('limits:models')}
          </legend>
          <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">{t('limits:modelsHint')}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextAreaField
              label={t('limits:allowedModels')}
              hint={t('limits:allowedModelsHint')}
              rows={3}
              placeholder="claude-sonnet-*"
              value={allowedModels}
              onChange={(event) => setAllowedModels(event.target.value)}
            />
            <TextAreaField
              label={t('limits:deniedModels')}
              rows={3}
              placeholder="claude-opus-*"
              value={deniedModels}
              onChange={(event) => setDeniedModels(event.target.value)}
            />
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}

function isUnlimited(policy: UserLimits): boolean {
  return (
    limitFields.every((field) => policy[field] === null) &&
    policy.allowedModels.length === 0 &&
    policy.deniedModels.length === 0
  );
}

/** Sets a new password; the user's sessions are the server's business (it may end them). */
export function PasswordDialog({ user, onClose }: { user: ManagedUser; onClose: () => void }) {
  const { t } = useTranslation(['users', 'common']);
  const [password, setPassword] = useState('');
  const reset = useApiMutation<ManagedUser, void>(
    () => ({ path: `/admin/api/users/${encodeURIComponent(user.id)}`, method: 'PATCH', body: { password } }),
    { invalidates: ['/admin/api/users'], success: t('passwordReset'), onSuccess: onClose },
  );
  return (
    <Dialog
      open
      onClose={onClose}
      size="sm"
      title={t('resetPasswordTitle', { user: user.username })}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="password-form"
            busy={reset.isPending}
            disabled={password.length < minPassword}
          >
            {t('resetPassword')}
          </Button>
        </>
      }
    >
      <form
        id="password-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (password.length >= minPassword) reset.mutate();
        }}
      >
        <TextField
          label={t('newPassword')}
          type="password"
          autoComplete="new-password"
          value={password}
          minLength={minPassword}
          required
          hint={t('passwordHint', { count: minPassword })}
          onChange={(event) => setPassword(event.target.value)}
        />
      </form>
    </Dialog>
  );
}
