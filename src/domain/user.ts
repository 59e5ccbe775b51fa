export type UserRole = 'admin' | 'user';

export interface User {
  id: string;
  username: string;
  role: UserRole;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}
