import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { Tabs } from '../../components/tabs';
import { AuditSection } from './settings/audit-section';
import { NotificationsSection } from './settings/notifications-section';
import { PricesSection } from './settings/prices-section';
import { TokensSection } from './settings/tokens-section';

type Section = 'prices' | 'notifications' | 'tokens' | 'audit';

/** Settings: pricing overrides, notification channels, admin API tokens and the audit log. */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const [section, setSection] = useState<Section>('prices');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="mb-4">
        <Tabs<Section>
          label={t('sections')}
          value={section}
          onChange={setSection}
          tabs={[
            { value: 'prices', label: t('tabs.prices') },
            { value: 'notifications', label: t('tabs.notifications') },
            { value: 'tokens', label: t('tabs.tokens') },
            { value: 'audit', label: t('tabs.audit') },
          ]}
        />
      </div>
      {section === 'prices' && <PricesSection />}
      {section === 'notifications' && <NotificationsSection />}
      {section === 'tokens' && <TokensSection />}
      {section === 'audit' && <AuditSection />}
    </>
  );
}
