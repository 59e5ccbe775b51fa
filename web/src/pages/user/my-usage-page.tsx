import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/page-header';
import { UsageExplorer } from '../../features/usage/usage-explorer';

/** A user's own usage: the same explorer over `/api/usage`, limited to their keys. */
export default function MyUsagePage() {
  const { t } = useTranslation('my-usage');
  const keys = useApi<{ keys: Array<{ id: string; name: string }> }>('/api/keys');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <UsageExplorer
        base="/api/usage"
        choices={{
          keys: keys.data?.keys.map((key) => ({ value: key.id, label: key.name })),
          groupBy: ['model', 'key', 'client', 'surface'],
        }}
      />
    </>
  );
}
