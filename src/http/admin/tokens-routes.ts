import type { FastifyInstance } from 'fastify';
import { adminTokenPrefix } from '../../auth/admin-tokens.js';
import type { AdminScope } from '../../auth/principal.js';
import { adminTokenCreateSchema } from '../../contracts/admin-tokens.js';
import type { StoredAdminToken } from '../../db/repositories/admin-tokens-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

const isoOrNull = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString());

/** An admin API token as listed: never the token or its hash. */
export function presentAdminToken(token: StoredAdminToken) {
  return {
    id: token.id,
    name: token.name,
    tokenPreview: `${adminTokenPrefix}…${token.tokenSuffix}`,
    scopes: token.scopes,
    userId: token.userId,
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: isoOrNull(token.expiresAt),
    lastUsedAt: isoOrNull(token.lastUsedAt),
    revokedAt: isoOrNull(token.revokedAt),
  };
}

const docs = (summary: string, extra: object = {}) => ({ summary, tags: ['admin tokens'], ...extra });

export async function tokensRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { tokens } = services.auth;

  app.get(
    '/admin/api/tokens',
    { config: { auth: 'admin', docs: docs('List admin API tokens') } },
    async () => ({
      tokens: (await tokens.list()).map(presentAdminToken),
    }),
  );

  app.post(
    '/admin/api/tokens',
    {
      config: {
        auth: 'admin',
        docs: docs('Create an admin API token (the token is shown once)', { body: adminTokenCreateSchema }),
      },
    },
    async (request, reply) => {
      const input = parseBody(adminTokenCreateSchema, request.body);
      const scopes = [...new Set(input.scopes)] as AdminScope[];
      // A token may not carry more than the credential that creates it.
      if (scopes.some((scope) => !request.principal.scopes.includes(scope)))
        throw new GatewayError('permission_denied', 'A token cannot be given scopes its creator lacks.');
      const { token, stored } = await tokens.create({
        name: input.name,
        scopes,
        expiresAt: input.expiresAt === null ? null : Date.parse(input.expiresAt),
        userId: request.principal.userId,
      });
      return reply.code(201).send({ ...presentAdminToken(stored), token });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/admin/api/tokens/:id',
    { config: { auth: 'admin', docs: docs('Revoke an admin API token (refused at once)') } },
    async (request, reply) => {
      if (!(await tokens.revoke(request.params.id)))
        throw new GatewayError('not_found', 'No live admin API token has this id.');
      return reply.code(204).send();
    },
  );
}
