import type { FastifyInstance } from 'fastify';
import { usageRecordsQuerySchema } from '../../contracts/admin-usage.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';
import { presentUsageRecord } from './presenters.js';

export async function usageRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  app.get('/admin/api/usage/records', { config: { auth: 'admin' } }, async (request) => {
    const query = parseBody(usageRecordsQuerySchema, request.query);
    // Records still being finished or queued in memory are written first: a caller sees every finished request.
    await services.usageSettled();
    const records = await services.usage.list(query);
    return { records: records.map(presentUsageRecord) };
  });
}
