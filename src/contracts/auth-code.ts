import { z } from 'zod';

/** `POST /api/auth/code/request`: always answered 202, whether or not the user exists. */
export const codeRequestSchema = z.object({ username: z.string().min(1).max(200) }).strict();

/** `POST /api/auth/code/verify`: answered like a password login (`{ user, csrfToken }` and the cookie). */
export const codeVerifySchema = z
  .object({
    username: z.string().min(1).max(200),
    code: z.string().min(1).max(20),
  })
  .strict();

/** The 202 answer to a code request. */
export interface CodeRequestAnswer {
  message: string;
  /** How long a code that was sent stays valid. */
  expiresInSeconds: number;
}
