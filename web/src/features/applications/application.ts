import type { Tone } from '../../components/badge';

export type ApplicationStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/**
 * An application as the limits API presents it. The requested change is read leniently: a model-group
 * request names `group` or `models`; a quota raise names the limits it wants.
 */
export interface Application {
  id: string;
  userId?: string;
  username?: string | null;
  user?: { id: string; username: string; displayName?: string | null } | null;
  kind?: string;
  type?: string;
  reason?: string | null;
  status: ApplicationStatus;
  comment?: string | null;
  reviewerComment?: string | null;
  reviewedBy?: string | null;
  request?: Record<string, unknown> | null;
  requested?: Record<string, unknown> | null;
  group?: string | null;
  models?: string[] | null;
  limits?: Record<string, unknown> | null;
  createdAt: string | number;
  decidedAt?: string | number | null;
}

export const statusTone: Record<ApplicationStatus, Tone> = {
  pending: 'amber',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'neutral',
};

export function applicationKind(application: Application): string {
  const kind = application.kind ?? application.type ?? '';
  return /quota|limit|budget/i.test(kind) ? 'quota' : 'models';
}

export function applicantName(application: Application): string {
  return (
    application.user?.displayName ||
    application.user?.username ||
    application.username ||
    application.userId ||
    '—'
  );
}

export function reviewerComment(application: Application): string | null {
  return application.reviewerComment ?? application.comment ?? null;
}

/** One line describing what was asked for, e.g. `group: claude-opus` or `costLimitDay: 50`. */
export function requestedChange(application: Application): string {
  const details: Record<string, unknown> = {
    ...(application.requested ?? application.request ?? {}),
    ...(application.group ? { group: application.group } : {}),
    ...(application.models?.length ? { models: application.models } : {}),
    ...(application.limits ?? {}),
  };
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(
      ([name, value]) =>
        `${name}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join(' · ');
}
