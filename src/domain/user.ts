export type UserRole = 'admin' | 'user';

export interface User {
  id: string;
  username: string;
  role: UserRole;
  enabled: boolean;
  email: string | null;
  displayName: string | null;
  createdAt: number;
  updatedAt: number;
}
