import { z } from 'zod';

export const loginSchema = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1000),
  })
  .strict();

export type LoginInput = z.infer<typeof loginSchema>;

/** A user as the console sees itself (`/api/auth/session`, `/api/me`). */
export interface SessionUserView {
  id: string;
  username: string;
  role: 'admin' | 'user';
  email: string | null;
  displayName: string | null;
}

/** The answer of every successful login (password, one-time code, LDAP). */
export interface LoginAnswer {
  user: SessionUserView;
  csrfToken: string;
}
