import { useTranslation } from 'react-i18next';
import { Card } from '../../components/card';
import { ClientSetup } from '../../components/client-setup';
import { CodeBlock } from '../../components/copy-button';
import { PageHeader } from '../../components/page-header';

export default function SetupPage() {
  const { t } = useTranslation('setup');
  const origin = window.location.origin;
  return (
    <>
      <PageHeader title={t('title')} description={t('description', { origin })} />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <Card>
          <ClientSetup />
        </Card>
        <div className="flex flex-col gap-4">
          <Card title={t('endpoints')}>
            <dl className="flex flex-col gap-3 text-sm">
              {(['anthropic', 'openai', 'models'] as const).map((name) => (
                <div key={name}>
                  <dt className="text-xs font-medium text-zinc-500">{t(`endpoint.${name}`)}</dt>
                  <dd className="mt-0.5 font-mono text-[12.5px] break-all">
                    {origin}
                    {name === 'anthropic'
                      ? '/v1/messages'
                      : name === 'openai'
                        ? '/v1/chat/completions'
                        : '/v1/models'}
                  </dd>
                </div>
              ))}
            </dl>
          </Card>
          <Card title={t('keyHeaders')}>
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">{t('keyHeadersText')}</p>
            <CodeBlock code={'x-api-key: sk-gate-…\nAuthorization: Bearer sk-gate-…'} />
          </Card>
        </div>
      </div>
    </>
  );
}
