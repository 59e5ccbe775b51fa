import type { Application } from '../db/repositories/applications-repository.js';

const iso = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString());

/** An application as both APIs answer it (the request fields flattened next to kind and reason). */
export function presentApplication(application: Application) {
  return {
    id: application.id,
    userId: application.userId,
    kind: application.kind,
    status: application.status,
    reason: application.reason,
    models: application.request.models ?? null,
    group: application.request.group ?? null,
    limits: application.request.limits ?? null,
    reviewerComment: application.reviewerComment,
    reviewedBy: application.reviewedBy,
    createdAt: iso(application.createdAt),
    updatedAt: iso(application.updatedAt),
    decidedAt: iso(application.decidedAt),
  };
}

/** One line saying what was asked for, for notifications. */
export function describeRequest(application: Application): string {
  const { models, group, limits } = application.request;
  const parts: string[] = [];
  if (models) parts.push(`models ${models.join(', ')}`);
  if (group) parts.push(`account group ${group}`);
  if (limits)
    parts.push(
      Object.entries(limits)
        .map(([name, value]) => `${name} ${value ?? 'unlimited'}`)
        .join(', '),
    );
  return `${application.kind}: ${parts.join('; ')}`;
}
