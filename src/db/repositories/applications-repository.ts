import type { Kysely, Selectable } from 'kysely';
import type { ApplicationKind, ApplicationRequest, ApplicationStatus } from '../../contracts/applications.js';
import { fromJsonColumn, toJsonColumn, toNumber } from '../json-column.js';
import type { ApplicationsTable, Database } from '../schema.js';

export interface Application {
  id: string;
  userId: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  request: ApplicationRequest;
  reason: string;
  reviewerComment: string | null;
  reviewedBy: string | null;
  createdAt: number;
  updatedAt: number;
  decidedAt: number | null;
}

function fromRow(row: Selectable<ApplicationsTable>): Application {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as ApplicationKind,
    status: row.status as ApplicationStatus,
    request: fromJsonColumn<ApplicationRequest>(row.request, {}),
    reason: row.reason,
    reviewerComment: row.reviewer_comment,
    reviewedBy: row.reviewed_by,
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
    decidedAt: row.decided_at === null ? null : toNumber(row.decided_at),
  };
}

/** Applications (the approval workflow, migration 0007). A state leaves `pending` only once. */
export function createApplicationsRepository(db: Kysely<Database>) {
  async function get(id: string, executor: Kysely<Database> = db): Promise<Application | undefined> {
    const row = await executor.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }
  return {
    get: (id: string) => get(id),
    async insert(
      application: Pick<Application, 'id' | 'userId' | 'kind' | 'request' | 'reason'>,
      now: number,
    ): Promise<Application> {
      await db
        .insertInto('applications')
        .values({
          id: application.id,
          user_id: application.userId,
          kind: application.kind,
          status: 'pending',
          request: toJsonColumn(application.request),
          reason: application.reason,
          reviewer_comment: null,
          reviewed_by: null,
          created_at: now,
          updated_at: now,
          decided_at: null,
        })
        .execute();
      return (await get(application.id)) as Application;
    },
    /** Newest first; one user's, or every user's in one state, or all. */
    async list(filter: { userId?: string; status?: ApplicationStatus }): Promise<Application[]> {
      let select = db.selectFrom('applications').selectAll();
      if (filter.userId) select = select.where('user_id', '=', filter.userId);
      if (filter.status) select = select.where('status', '=', filter.status);
      const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1000).execute();
      return rows.map(fromRow);
    },
    /**
     * Moves a pending application to its final state and runs `apply` in the same transaction (the
     * policy change of an approval), so the state and the change land together or not at all. Answers
     * undefined when the application is no longer pending (decided or withdrawn meanwhile).
     */
    async close(
      id: string,
      outcome: {
        status: Exclude<ApplicationStatus, 'pending'>;
        reviewerComment?: string | null;
        reviewedBy?: string | null;
      },
      now: number,
      apply?: (trx: Kysely<Database>, application: Application) => Promise<void>,
    ): Promise<Application | undefined> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('applications')
          .set({
            status: outcome.status,
            reviewer_comment: outcome.reviewerComment ?? null,
            reviewed_by: outcome.reviewedBy ?? null,
            updated_at: now,
            decided_at: now,
          })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return undefined;
        const closed = (await get(id, trx)) as Application;
        if (apply) await apply(trx, closed);
        return closed;
      });
    },
  };
}

export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
