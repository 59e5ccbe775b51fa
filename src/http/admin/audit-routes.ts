import type { FastifyInstance } from 'fastify';
import { auditQuerySchema } from '../../contracts/admin-audit.js';
import type { AuditEntry } from '../../db/repositories/audit-repository.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

const toMillis = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

export async function auditRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  app.get(
    '/admin/api/audit',
    {
      config: {
        auth: 'admin',
        docs: {
          summary: 'The audit log, newest first, filtered and paged',
          tags: ['audit'],
          query: auditQuerySchema,
        },
      },
    },
    async (request) => {
      const { from, to, ...query } = parseBody(auditQuerySchema, request.query);
      const entries = await services.auth.audit.list({ ...query, from: toMillis(from), to: toMillis(to) });
      return {
        entries: entries.map((entry: AuditEntry) => ({
          ...entry,
          createdAt: new Date(entry.createdAt).toISOString(),
        })),
        nextCursor: entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null,
      };
    },
  );
}
