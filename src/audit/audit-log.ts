import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import type { Logger } from 'pino';
import { describePrincipal } from '../auth/principal.js';
import type { AuditEntry, AuditQuery, AuditRepository } from '../db/repositories/audit-repository.js';
import { timeOrderedId } from '../util/time-ordered-id.js';
import { summarizeBody, targetIdOf } from './audit-summary.js';

/**
 * The audit trail of every state-changing request to the admin and console APIs (logins and failed
 * logins included): who, what, which target, when, from where, and the outcome. Admin actions are rare,
 * so each entry is written directly, off the response path; a failed write is logged, never fatal.
 */
export function createAuditLog(deps: { repository: AuditRepository; now: () => number; logger: Logger }) {
  const pending = new Set<Promise<void>>();
  // Ids order the log (newest first, cursors): entries of the same millisecond get successive ones.
  let lastIdTime = 0;
  const nextId = (at: number) => {
    lastIdTime = Math.max(at, lastIdTime + 1);
    return timeOrderedId(lastIdTime);
  };
  function entryFor(request: FastifyRequest, reply: FastifyReply, payload: unknown): AuditEntry {
    const { principal } = request;
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    const at = deps.now();
    return {
      id: nextId(at),
      createdAt: at,
      actorKind: principal.kind,
      actorUserId: principal.userId,
      actorName: describePrincipal(principal),
      actorTokenId: principal.tokenId ?? null,
      action: `${request.method} ${route}`,
      method: request.method,
      route,
      targetId: targetIdOf(request.params, payload),
      summary: summarizeBody(route, request.body),
      ip: request.ip,
      status: reply.statusCode,
    };
  }

  return {
    /** An onSend hook for audited routes: records the request once its status is known. */
    hook: function recordAudit(request, reply, payload, done) {
      const entry = entryFor(request, reply, payload);
      const write = deps.repository
        .insert(entry)
        .catch((error: unknown) =>
          deps.logger.error({ err: error, action: entry.action }, 'audit write failed'),
        )
        .finally(() => pending.delete(write));
      pending.add(write);
      done(null, payload);
    } as onSendHookHandler,
    /** Newest first; entries still being written are waited for, so a caller sees its own actions. */
    async list(query: AuditQuery): Promise<AuditEntry[]> {
      await Promise.all(pending);
      return deps.repository.list(query);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
