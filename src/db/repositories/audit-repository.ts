import type { Kysely, Selectable } from 'kysely';
import { toNumber } from '../json-column.js';
import type { AuditLogTable, Database } from '../schema.js';

export interface AuditEntry {
  id: string;
  createdAt: number;
  actorKind: string;
  actorUserId: string | null;
  actorName: string | null;
  actorTokenId: string | null;
  /** `METHOD /route/pattern`, e.g. `PATCH /admin/api/users/:id`. */
  action: string;
  method: string;
  route: string;
  targetId: string | null;
  summary: string | null;
  ip: string | null;
  status: number;
}

export interface AuditQuery {
  actorUserId?: string | undefined;
  actorKind?: string | undefined;
  route?: string | undefined;
  method?: string | undefined;
  targetId?: string | undefined;
  /** Only failures (status ≥ 400) or only successes. */
  outcome?: 'success' | 'failure' | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Entries older than this id (the previous page's `nextCursor`). */
  before?: string | undefined;
  limit: number;
}

function fromRow(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    createdAt: toNumber(row.created_at),
    actorKind: row.actor_kind,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorTokenId: row.actor_token_id,
    action: row.action,
    method: row.method,
    route: row.route,
    targetId: row.target_id,
    summary: row.summary,
    ip: row.ip,
    status: row.status,
  };
}

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async insert(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          created_at: entry.createdAt,
          actor_kind: entry.actorKind,
          actor_user_id: entry.actorUserId,
          actor_name: entry.actorName,
          actor_token_id: entry.actorTokenId,
          action: entry.action,
          method: entry.method,
          route: entry.route,
          target_id: entry.targetId,
          summary: entry.summary,
          ip: entry.ip,
          status: entry.status,
        })
        .execute();
    },
    /** Newest first (ids are time-ordered). */
    async list(query: AuditQuery): Promise<AuditEntry[]> {
      let select = db.selectFrom('audit_log').selectAll();
      if (query.actorUserId) select = select.where('actor_user_id', '=', query.actorUserId);
      if (query.actorKind) select = select.where('actor_kind', '=', query.actorKind);
      if (query.route) select = select.where('route', '=', query.route);
      if (query.method) select = select.where('method', '=', query.method.toUpperCase());
      if (query.targetId) select = select.where('target_id', '=', query.targetId);
      if (query.outcome === 'failure') select = select.where('status', '>=', 400);
      if (query.outcome === 'success') select = select.where('status', '<', 400);
      if (query.from !== undefined) select = select.where('created_at', '>=', query.from);
      if (query.to !== undefined) select = select.where('created_at', '<', query.to);
      if (query.before) select = select.where('id', '<', query.before);
      const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
      return rows.map(fromRow);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
