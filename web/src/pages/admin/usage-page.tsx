import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/page-header';
import { UsageExplorer } from '../../features/usage/usage-explorer';
import type { FilterChoice } from '../../features/usage/usage-filters';

interface Named {
  id: string;
  name?: string | null;
  username?: string | null;
  displayName?: string | null;
}

function choices(list: Named[] | undefined): FilterChoice[] | undefined {
  return list?.map((item) => ({
    value: item.id,
    label: item.displayName || item.name || item.username || item.id,
  }));
}

/** Admin usage explorer: the whole gateway, filterable by key, user, account and model. */
export default function UsagePage() {
  const { t } = useTranslation('usage');
  const keys = useApi<{ keys: Named[] }>('/admin/api/keys');
  const users = useApi<{ users: Named[] }>('/admin/api/users');
  const accounts = useApi<{ accounts: Named[] }>('/admin/api/accounts');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <UsageExplorer
        base="/admin/api/usage"
        choices={{
          keys: choices(keys.data?.keys),
          users: choices(users.data?.users),
          accounts: choices(accounts.data?.accounts),
          groupBy: ['model', 'key', 'user', 'account', 'client', 'surface'],
        }}
      />
    </>
  );
}
