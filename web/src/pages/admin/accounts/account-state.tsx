import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../api/types';
import { accountStateTone, Badge } from '../../../components/badge';
import { formatRelative } from '../../../lib/format';

export function accountState(account: AccountView): { state: string; until: string | null } {
  if (!account.enabled) return { state: 'disabled', until: null };
  if (typeof account.state === 'string') return { state: account.state, until: null };
  return { state: account.state?.state ?? 'unknown', until: account.state?.until ?? null };
}

/** Healthy, cooling down until …, circuit open, credential invalid, … as one coloured badge. */
export function AccountStateBadge({ account }: { account: AccountView }) {
  const { t } = useTranslation('common');
  const { state, until } = accountState(account);
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="account-state">
      <Badge tone={accountStateTone(state)} dot>
        {t(`accountState.${state}`, { defaultValue: state })}
      </Badge>
      {until && <span className="text-xs text-zinc-500">{t('until', { when: formatRelative(until) })}</span>}
    </span>
  );
}
