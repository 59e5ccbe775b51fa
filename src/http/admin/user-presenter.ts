import type { StoredUser } from '../../db/repositories/users-repository.js';

/** A user as the admin API returns it: the password hash never, only whether one is set. */
export function presentUser(user: StoredUser) {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    enabled: user.enabled,
    email: user.email,
    displayName: user.displayName,
    hasPassword: user.passwordHash !== null,
    createdAt: new Date(user.createdAt).toISOString(),
    updatedAt: new Date(user.updatedAt).toISOString(),
  };
}
