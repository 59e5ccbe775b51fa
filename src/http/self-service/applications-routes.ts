import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { describeRequest, presentApplication } from '../../applications/present-application.js';
import { type ApplicationRequest, applicationCreateSchema } from '../../contracts/applications.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminServices } from '../admin/admin-services.js';
import { parseBody } from '../admin/parse-body.js';
import { documented } from '../route-options.js';
import { requireCurrentUser } from './me-routes.js';

/** `/api/applications`: a user asks for more models, an account group or higher limits; admins decide. */
export async function applicationsRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { applications, notifier, now } = services;

  app.get(
    '/api/applications',
    documented('user', 'self-service', 'Your applications, newest first'),
    async (request) => {
      const user = await requireCurrentUser(services, request);
      return { applications: (await applications.list({ userId: user.id })).map(presentApplication) };
    },
  );

  app.post(
    '/api/applications',
    documented('user', 'self-service', 'Apply for model access, an account group or a higher quota', {
      body: applicationCreateSchema,
    }),
    async (request, reply) => {
      const user = await requireCurrentUser(services, request);
      const input = parseBody(applicationCreateSchema, request.body);
      const { kind, reason, ...asked } = input;
      const created = await applications.insert(
        { id: randomUUID(), userId: user.id, kind, reason, request: asked as ApplicationRequest },
        now(),
      );
      // Told after the answer; the notifier never throws, and a failed delivery fails no application.
      void notifier.send(
        { admins: true },
        {
          event: 'application-submitted',
          subject: `Gatehouse: ${user.username} applies for ${kind}`,
          text: `${user.username} applies for ${describeRequest(created)}.\nReason: ${reason}\n\nDecide in the console (Applications) or POST /admin/api/applications/${created.id}/decision.`,
        },
      );
      return reply.code(201).send(presentApplication(created));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/applications/:id/withdraw',
    documented('user', 'self-service', 'Withdraw one of your pending applications'),
    async (request) => {
      const user = await requireCurrentUser(services, request);
      const application = await applications.get(request.params.id);
      if (!application || application.userId !== user.id)
        throw new GatewayError('not_found', 'No application of yours has this id.');
      const withdrawn = await applications.close(application.id, { status: 'withdrawn' }, now());
      if (!withdrawn)
        throw new GatewayError('conflict', `This application is already ${application.status}.`);
      return presentApplication(withdrawn);
    },
  );
}
