import type { FastifyInstance } from 'fastify';
import { applyApplication } from '../../applications/apply-application.js';
import { describeRequest, presentApplication } from '../../applications/present-application.js';
import { applicationDecisionSchema, applicationListQuerySchema } from '../../contracts/applications.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { documented } from '../route-options.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

/** Admins list and decide applications; an approval changes the user's policy at once. */
export async function adminApplicationsRoutes(
  app: FastifyInstance,
  { services }: { services: AdminServices },
) {
  const { applications, userPolicies, catalog, notifier, now } = services;

  app.get(
    '/admin/api/applications',
    documented('admin', 'applications', 'Applications, newest first, optionally in one state', {
      query: applicationListQuerySchema,
    }),
    async (request) => {
      const { status } = parseBody(applicationListQuerySchema, request.query);
      return { applications: (await applications.list({ status })).map(presentApplication) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/api/applications/:id/decision',
    documented('admin', 'applications', 'Approve or reject a pending application (409 once decided)', {
      body: applicationDecisionSchema,
    }),
    async (request) => {
      const { decision, comment } = parseBody(applicationDecisionSchema, request.body);
      const existing = await applications.get(request.params.id);
      if (!existing) throw new GatewayError('not_found', 'No application has this id.');
      const at = now();
      // The state change and the policy change commit together, or neither does.
      const decided = await applications.close(
        existing.id,
        {
          status: decision === 'approve' ? 'approved' : 'rejected',
          reviewerComment: comment ?? null,
          reviewedBy: request.principal.username ?? 'GATEHOUSE_ADMIN_TOKEN',
        },
        at,
        decision === 'approve'
          ? async (trx, application) => {
              await userPolicies.change(
                application.userId,
                (policy) => applyApplication(policy, application.request),
                at,
                trx,
              );
            }
          : undefined,
      );
      if (!decided) throw new GatewayError('conflict', `This application is already ${existing.status}.`);
      // The very next request of any of the user's keys sees the new policy.
      if (decision === 'approve') await catalog.reload();
      void notifier.send(
        { userId: decided.userId },
        {
          event: 'application-decided',
          subject: `Gatehouse: your application was ${decided.status}`,
          text: `Your application (${describeRequest(decided)}) was ${decided.status}.${comment ? `\nComment: ${comment}` : ''}`,
        },
      );
      return presentApplication(decided);
    },
  );
}
