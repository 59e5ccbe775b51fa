import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestHeaders, toApiError } from '../../api/client';
import { Button } from '../../components/button';
import { Icon } from '../../components/icons';
import { useToast } from '../../components/toast';
import { exportPath, type UsageFilters } from './usage-query';

/**
 * Downloads the current view as CSV or XLSX. Fetched rather than linked so an API-token sign-in (a
 * header, not a cookie) works too, and a failure shows a message instead of a broken download.
 */
export function ExportButtons({ base, filters }: { base: string; filters: UsageFilters }) {
  const { t } = useTranslation('usage-view');
  const toast = useToast();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);

  async function download(format: 'csv' | 'xlsx') {
    setBusy(format);
    try {
      const response = await fetch(exportPath(base, filters, format), {
        headers: requestHeaders('GET'),
        credentials: 'same-origin',
      });
      if (!response.ok) {
        const text = await response.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        throw toApiError(response.status, parsed, text);
      }
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `gatehouse-usage-${new Date().toISOString().slice(0, 10)}.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      toast.error(t('exportFailed'), error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="flex gap-2">
      <Button
        size="sm"
        busy={busy === 'csv'}
        icon={<Icon name="external" className="size-3.5" />}
        onClick={() => download('csv')}
      >
        {t('exportCsv')}
      </Button>
      <Button
        size="sm"
        busy={busy === 'xlsx'}
        icon={<Icon name="external" className="size-3.5" />}
        onClick={() => download('xlsx')}
      >
        {t('exportXlsx')}
      </Button>
    </div>
  );
}
