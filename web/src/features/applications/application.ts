import type { TFunction } from 'i18next';
import type { Tone } from '../../components/badge';
import { formatCost, formatNumber } from '../../lib/format';
import { type LimitField, limitFields } from '../limits/limits-editor';

export type ApplicationStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';
export type ApplicationKind = 'model-access' | 'quota';

/** As `/api/applications` and `/admin/api/applications` present one. */
export interface Application {
  id: string;
  userId: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  reason: string;
  /** Model access: model names or `*` patterns, and/or an account group. */
  models: string[] | null;
  group: string | null;
  /** Quota: new values for some of the user's limits (the flat limit fields). */
  limits: Partial<Record<LimitField, number | null>> | null;
  reviewerComment: string | null;
  reviewedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const statusTone: Record<ApplicationStatus, Tone> = {
  pending: 'amber',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'neutral',
};

/** One line saying what was asked for, e.g. `Models: claude-opus-*` or `Cost / month: $50.00`. */
export function describeRequest(application: Application, t: TFunction): string {
  const parts: string[] = [];
  if (application.models?.length) parts.push(`${t('limits:models')}: ${application.models.join(', ')}`);
  if (application.group) parts.push(`${t('apply:group')}: ${application.group}`);
  for (const field of limitFields) {
    const value = application.limits?.[field];
    if (value === undefined) continue;
    const shown =
      value === null
        ? t('common:unlimited')
        : /Cost|Budget/.test(field)
          ? formatCost(value)
          : formatNumber(value);
    parts.push(`${t(`limits:fields.${field}`)}: ${shown}`);
  }
  return parts.join(' · ');
}
