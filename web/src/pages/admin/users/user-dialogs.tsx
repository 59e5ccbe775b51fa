import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/hooks';
import type { Role } from '../../../api/session';
import { Button } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { SelectField, TextField, Toggle } from '../../../components/field';
import {
  type Limits,
  LimitsEditor,
  limitsFromForm,
  limitsToForm,
} from '../../../features/limits/limits-editor';

export interface ManagedUser {
  id: string;
  username: string;
  role: Role;
  enabled: boolean;
  email?: string | null;
  displayName?: string | null;
  limits?: Limits | null;
  createdAt?: string | number;
}

const minPassword = 8;

/**
 * Create a user, or edit one's role, status, profile and limits. The limits part appears only when the
 * server keeps per-user limits (its users carry a `limits` field); the users API refuses unknown fields.
 */
export function UserDialog({
  user,
  limitsSupported,
  onClose,
}: {
  user?: ManagedUser;
  limitsSupported: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation(['users', 'common']);
  const [username, setUsername] = useState(user?.username ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(user?.role ?? 'user');
  const [enabled, setEnabled] = useState(user?.enabled ?? true);
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [limits, setLimits] = useState(() => limitsToForm(user?.limits));
  const [invalid, setInvalid] = useState<string[]>([]);
  const passwordShort = !user && password.length > 0 && password.length < minPassword;
  const save = useApiMutation<ManagedUser, Record<string, unknown>>(
    (body) =>
      user
        ? { path: `/admin/api/users/${encodeURIComponent(user.id)}`, method: 'PATCH', body }
        : { path: '/admin/api/users', body },
    {
      invalidates: ['/admin/api/users'],
      success: user ? t('updated') : t('createdToast'),
      onSuccess: onClose,
    },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const profile: Record<string, unknown> = {
      role,
      enabled,
      email: email.trim() || null,
      displayName: displayName.trim() || null,
    };
    if (limitsSupported) {
      const parsed = limitsFromForm(limits);
      setInvalid(parsed.invalid);
      if (parsed.invalid.length > 0) return;
      profile.limits = parsed.limits;
    }
    if (user) return save.mutate(profile);
    if (passwordShort) return;
    // No password: the user signs in by one-time code or LDAP only.
    save.mutate({ username: username.trim(), ...(password ? { password } : {}), ...profile });
  }
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={user ? t('editTitle', { user: user.username }) : t('newUser')}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button variant="primary" type="submit" form="user-form" busy={save.isPending}>
            {user ? t('common:save') : t('common:create')}
          </Button>
        </>
      }
    >
      <form id="user-form" onSubmit={submit} className="space-y-4">
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
        {limitsSupported && <LimitsEditor values={limits} onChange={setLimits} invalid={invalid} />}
      </form>
    </Dialog>
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
