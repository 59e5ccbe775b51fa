import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Tabs } from '../../components/tabs';
import { AuditSection } from './settings/audit-section';
import { NotificationsSection } from './settings/notifications-section';
import { PricesSection } from './settings/prices-section';
import { TokensSection } from './settings/tokens-section';

const sections = ['prices', 'notifications', 'tokens', 'audit'] as const;
type Section = (typeof sections)[number];

/** Settings: pricing overrides, notification channels, admin API tokens and the audit log. */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  // The open section lives in the address (`?section=audit`) so it survives a reload and can be linked.
  const [params, setParams] = useSearchParams();
  const asked = params.get('section');
  const section: Section = sections.find((candidate) => candidate === asked) ?? 'prices';
  const setSection = (next: Section) =>
    setParams(next === 'prices' ? {} : { section: next }, { replace: true });
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
