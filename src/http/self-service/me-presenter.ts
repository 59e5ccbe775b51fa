import type { User } from '../../domain/user.js';
import { presentSessionUser } from '../auth/session-cookies.js';

/**
 * The answer of `GET /api/me`: one place to grow (limits and remaining budget join it here), so the
 * console reads everything about the caller from one call.
 */
export async function presentMe(user: User) {
  return { user: presentSessionUser(user) };
}
