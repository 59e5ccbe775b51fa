import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClientId, clientIds, snippetsFor } from '../lib/client-snippets';
import { CodeBlock } from './copy-button';
import { Tabs } from './tabs';

/** Tabs of ready-to-paste configurations for each client, filled with this origin and the key. */
export function ClientSetup({ apiKey }: { apiKey?: string }) {
  const { t } = useTranslation('setup');
  const [client, setClient] = useState<ClientId>('claude-code');
  const origin = window.location.origin;
  return (
    <div className="flex flex-col gap-3">
      <Tabs<ClientId>
        label={t('clients')}
        value={client}
        onChange={setClient}
        tabs={clientIds.map((id) => ({ value: id, label: t(`client.${id}.name`) }))}
      />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t(`client.${client}.intro`)}</p>
      {snippetsFor(client, origin, apiKey).map((snippet) => (
        <CodeBlock key={snippet.title} title={snippet.title} code={snippet.code} />
      ))}
    </div>
  );
}
