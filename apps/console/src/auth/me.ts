import { useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';

export type Me = Schemas['MyProfile'];
export type Permission = Schemas['Permission'];

export const meQuery = { queryKey: ['me'], queryFn: () => ok(api.GET('/api/v1/me')), staleTime: 5 * 60_000 } as const;

/** The signed-in person: role, permissions, the classes they teach. Loaded before any page shows. */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe before the profile loaded');
  return data;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}
