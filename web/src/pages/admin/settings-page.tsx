import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { EmptyState } from '../../components/states';

export default function SettingsPage() {
  const { t } = useTranslation(['settings', 'common']);
  return (
    <>
      <PageHeader title={t('title')} />
      <EmptyState title={t('common:underConstruction')} />
    </>
  );
}
