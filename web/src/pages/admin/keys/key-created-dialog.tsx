import { useTranslation } from 'react-i18next';
import type { CreatedKey } from '../../../api/types';
import { Button } from '../../../components/button';
import { ClientSetup } from '../../../components/client-setup';
import { CopyButton } from '../../../components/copy-button';
import { Dialog } from '../../../components/dialog';
import { Icon } from '../../../components/icons';

/** The only time a key's secret is shown: copy it now, with setup snippets already filled in. */
export function KeyCreatedDialog({ keys, onClose }: { keys: CreatedKey[]; onClose: () => void }) {
  const { t } = useTranslation('keys');
  const first = keys[0];
  return (
    <Dialog
      open={keys.length > 0}
      onClose={onClose}
      size="lg"
      title={t('created.title', { count: keys.length })}
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('created.done')}
        </Button>
      }
    >
      <div className="mb-4 flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-500/10 dark:text-amber-300">
        <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
        {t('created.warning')}
      </div>
      <ul className="mb-5 flex flex-col gap-2">
        {keys.map((key) => (
          <li
            key={key.id}
            className="flex items-center gap-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-700"
          >
            <span className="w-28 shrink-0 truncate text-sm font-medium">{key.name}</span>
            <code
              className="min-w-0 flex-1 truncate rounded bg-zinc-100 px-2 py-1 text-[12.5px] dark:bg-zinc-800"
              data-testid="created-key"
            >
              {key.key}
            </code>
            <CopyButton text={key.key} label={t('created.copyKey')} />
          </li>
        ))}
      </ul>
      {keys.length > 1 && (
        <div className="mb-5">
          <CopyButton
            text={keys.map((key) => `${key.name}\t${key.key}`).join('\n')}
            label={t('created.copyAll')}
          />
        </div>
      )}
      {first && (
        <>
          <h3 className="mb-2 text-sm font-semibold">{t('created.setup')}</h3>
          <ClientSetup apiKey={first.key} />
        </>
      )}
    </Dialog>
  );
}
