import type { FastifyInstance, FastifyRequest } from 'fastify';
import { usageExportQuerySchema, usageSummaryQuerySchema } from '../../contracts/admin-usage.js';
import type { UsageQueryRepository } from '../../db/repositories/usage-query-repository.js';
import type { UsageRepository } from '../../db/repositories/usage-repository.js';
import type { UsageRecord } from '../../domain/usage-record.js';
import type { UsageRollups } from '../../usage/rollups/usage-rollups.js';
import { summarizeUsage } from '../../usage/usage-summary.js';
import type { AdminServices } from '../admin/admin-services.js';
import { parseBody } from '../admin/parse-body.js';
import { type Cell, toCsv, toXlsx } from './tabular-export.js';

export interface UsageQueryServices {
  query: UsageQueryRepository;
  records: Pick<UsageRepository, 'list'>;
  rollups: UsageRollups;
  /** Resolves once every finished request's record is committed. */
  settled(): Promise<void>;
  timeZone: string;
  now: () => number;
}

/** The query services out of the admin ones (the admin and the self-service mounts share them). */
export function usageQueryServices(services: AdminServices): UsageQueryServices {
  return {
    query: services.usageQuery,
    records: services.usage,
    rollups: services.rollups,
    settled: services.usageSettled,
    timeZone: services.timeZone,
    now: services.now,
  };
}

export interface UsageQueryOptions {
  services: UsageQueryServices;
  /**
   * `/admin/api/usage` or `/api/usage`. Not named `prefix`: Fastify's register() would apply that one
   * itself, and the paths would carry it twice.
   */
  basePath: string;
  auth: 'admin' | 'user';
  /** Who may see what: undefined for everything (admin), else the one user whose keys are shown. */
  scopeOf(request: FastifyRequest): { userId: string } | undefined;
}

const recordColumns = [
  'id',
  'createdAt',
  'keyId',
  'userId',
  'accountId',
  'surface',
  'upstreamFormat',
  'model',
  'upstreamModel',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheWrite1hTokens',
  'cost',
  'charged',
  'status',
  'errorClass',
  'stream',
  'partial',
  'estimated',
  'ttfbMs',
  'durationMs',
  'clientFamily',
  'upstreamRequestId',
] as const satisfies readonly (keyof UsageRecord)[];

const sumColumns = [
  'requests',
  'errors',
  'errorRate',
  'inputTokens',
  'outputTokens',
  'cacheWriteTokens',
  'cacheReadTokens',
  'cost',
  'latencyMsAvg',
  'ttfbMsAvg',
] as const;

/**
 * Usage totals, series, groups and exports, for one scope: the admin API sees everything, the
 * self-service variant (same code, `auth: 'user'`) only the caller's own keys. Roll-ups are brought up
 * to date first, so a finished request shows at once.
 */
export async function usageQueryRoutes(app: FastifyInstance, options: UsageQueryOptions) {
  const { services, basePath } = options;
  const tags = [options.auth === 'admin' ? 'usage' : 'self-service'];
  const scoped = options.auth === 'admin' ? '' : ' (your own keys only)';
  const summaryConfig = {
    auth: options.auth,
    docs: { summary: `Usage totals, series and groups${scoped}`, tags },
  };
  const exportConfig = {
    auth: options.auth,
    docs: { summary: `Usage records, series or groups as CSV or XLSX${scoped}`, tags },
  };
  let refreshing: Promise<void> = Promise.resolve();

  async function freshRollups(): Promise<void> {
    await services.settled();
    // One refresh at a time in this process: concurrent ones would replace the same buckets.
    refreshing = refreshing.catch(() => undefined).then(() => services.rollups.refresh(services.now()));
    await refreshing;
  }

  function readQuery<T extends { from?: number; to?: number; tz?: string; userId?: string }>(
    request: FastifyRequest,
    parsed: T,
  ) {
    const now = services.now();
    const scope = options.scopeOf(request);
    return {
      ...parsed,
      from: parsed.from ?? now - 7 * 86_400_000,
      to: parsed.to ?? now + 1,
      timeZone: parsed.tz ?? services.timeZone,
      userId: scope ? scope.userId : parsed.userId,
    };
  }

  app.get(`${basePath}/summary`, { config: summaryConfig }, async (request) => {
    const query = readQuery(request, parseBody(usageSummaryQuerySchema, request.query));
    await freshRollups();
    return summarizeUsage(services.query, {
      filter: query,
      timeZone: query.timeZone,
      interval: query.interval,
      groupBy: query.groupBy,
      page: query,
    });
  });

  app.get(`${basePath}/export`, { config: exportConfig }, async (request, reply) => {
    const query = readQuery(request, parseBody(usageExportQuerySchema, request.query));
    const { header, rows } = await exportView(query);
    const name = `gatehouse-usage-${query.view}`;
    if (query.format === 'csv') {
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(toCsv(header, rows));
    }
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await toXlsx(query.view, header, rows));
  });

  async function exportView(
    query: ReturnType<typeof readQuery<ReturnType<typeof usageExportQuerySchema.parse>>>,
  ): Promise<{ header: string[]; rows: Cell[][] }> {
    if (query.view === 'records') {
      await services.settled();
      const records = await services.records.list({ ...query, limit: query.limit });
      const rows = records.map((record) =>
        recordColumns.map((column) =>
          column === 'createdAt' ? new Date(record.createdAt).toISOString() : (record[column] as Cell),
        ),
      );
      return { header: [...recordColumns], rows };
    }
    await freshRollups();
    const summary = await summarizeUsage(services.query, {
      filter: query,
      timeZone: query.timeZone,
      interval: query.interval,
      groupBy: query.view === 'groups' ? (query.groupBy ?? 'model') : undefined,
      page: query,
    });
    const first = query.view === 'series' ? 'bucket' : (summary.groupBy ?? 'value');
    const lines =
      query.view === 'series'
        ? summary.series.map((row) => [row.bucket, ...sumColumns.map((column) => row[column])])
        : summary.groups.map((row) => [row.value, ...sumColumns.map((column) => row[column])]);
    return { header: [first, ...sumColumns], rows: lines };
  }
}
