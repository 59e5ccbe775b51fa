import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../access/password-hash.js';
import { userCreateSchema, userUpdateSchema } from '../../contracts/admin-users.js';
import type { StoredUser, UserChanges } from '../../db/repositories/users-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';
import { presentUser } from './user-presenter.js';

const noSuchUser = () => new GatewayError('not_found', 'No user has this id.');
const docs = (summary: string, extra: object = {}) => ({ summary, tags: ['users'], ...extra });

export async function usersRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { users, auth, now } = services;

  async function requireUser(id: string): Promise<StoredUser> {
    const user = await users.get(id);
    if (!user) throw noSuchUser();
    return user;
  }

  async function requireUnusedUsername(username: string, exceptId?: string): Promise<void> {
    const existing = await users.findByUsername(username);
    if (existing && existing.id !== exceptId)
      throw new GatewayError('conflict', `username: ${username} is already taken`);
  }

  /** Refuses a change that would leave no enabled admin (nobody could administer Gatehouse). */
  async function keepAnAdmin(user: StoredUser, staysEnabledAdmin: boolean): Promise<void> {
    if (user.role !== 'admin' || !user.enabled || staysEnabledAdmin) return;
    if ((await users.countOtherEnabledAdmins(user.id)) === 0)
      throw new GatewayError('conflict', 'This is the last enabled admin; make another admin first.');
  }

  app.get('/admin/api/users', { config: { auth: 'admin', docs: docs('List users') } }, async () => ({
    users: (await users.list()).map(presentUser),
  }));

  app.get<{ Params: { id: string } }>(
    '/admin/api/users/:id',
    { config: { auth: 'admin', docs: docs('Get a user') } },
    async (request) => presentUser(await requireUser(request.params.id)),
  );

  app.post(
    '/admin/api/users',
    { config: { auth: 'admin', docs: docs('Create a user', { body: userCreateSchema }) } },
    async (request, reply) => {
      const { password, ...input } = parseBody(userCreateSchema, request.body);
      await requireUnusedUsername(input.username);
      const created = await users.insert(
        {
          ...input,
          id: randomUUID(),
          passwordHash: password === undefined ? null : await hashPassword(password),
        },
        now(),
      );
      return reply.code(201).send(presentUser(created));
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/admin/api/users/:id',
    {
      config: {
        auth: 'admin',
        docs: docs('Update a user (password is write-only)', { body: userUpdateSchema }),
      },
    },
    async (request) => {
      const { password, ...input } = parseBody(userUpdateSchema, request.body);
      const user = await requireUser(request.params.id);
      if (input.username !== undefined) await requireUnusedUsername(input.username, user.id);
      await keepAnAdmin(user, (input.role ?? user.role) === 'admin' && (input.enabled ?? user.enabled));
      const changes: UserChanges = { ...input };
      if (password !== undefined) changes.passwordHash = await hashPassword(password);
      const updated = await users.update(user.id, changes, now());
      if (!updated) throw noSuchUser();
      await applyToCredentials(services, user, updated, password !== undefined);
      return presentUser(updated);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/admin/api/users/:id',
    { config: { auth: 'admin', docs: docs('Delete a user (their keys stay, without an owner)') } },
    async (request, reply) => {
      const user = await requireUser(request.params.id);
      await keepAnAdmin(user, false);
      await auth.sessions.revokeUser(user.id);
      if (!(await users.remove(user.id))) throw noSuchUser();
      auth.resolver.forgetVerifiedCredentials();
      await services.auth.tokens.forgetUser(user.id);
      return reply.code(204).send();
    },
  );
}

/**
 * A disabled user or a new password ends every session at once; any other change (role, name) makes
 * cached sessions and tokens read the user again, so a demoted admin loses admin rights immediately.
 */
export async function applyToCredentials(
  services: AdminServices,
  before: StoredUser,
  after: StoredUser,
  passwordChanged: boolean,
): Promise<void> {
  const { auth } = services;
  if (passwordChanged || (before.enabled && !after.enabled)) await auth.sessions.revokeUser(after.id);
  else auth.sessions.forgetUser(after.id);
  auth.resolver.forgetVerifiedCredentials();
  await services.auth.tokens.forgetUser(after.id);
}
