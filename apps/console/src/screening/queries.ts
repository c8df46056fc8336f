import { api, ok } from '../api/client';

/** Every screening query starts with this key, so one invalidation refreshes the area. */
export const SCREENING = 'screening';

export const campaignsQuery = {
  queryKey: [SCREENING, 'campaigns'],
  queryFn: () => ok(api.GET('/api/v1/screening-campaigns', { params: { query: { limit: 200 } } })),
} as const;

export const instrumentsQuery = {
  queryKey: [SCREENING, 'instruments'],
  queryFn: () => ok(api.GET('/api/v1/instruments', { params: { query: { limit: 200 } } })),
  staleTime: 10 * 60_000,
} as const;

export const classesQuery = {
  queryKey: ['classes'],
  queryFn: () => ok(api.GET('/api/v1/classes', { params: { query: { limit: 200 } } })),
  staleTime: 5 * 60_000,
} as const;

export const campaignQuery = (campaignId: string) => ({
  queryKey: [SCREENING, 'campaign', campaignId],
  queryFn: () => ok(api.GET('/api/v1/screening-campaigns/{campaignId}', { params: { path: { campaignId } } })),
});

export const progressQuery = (campaignId: string) => ({
  queryKey: [SCREENING, 'campaign', campaignId, 'progress'],
  queryFn: () => ok(api.GET('/api/v1/screening-campaigns/{campaignId}/progress', { params: { path: { campaignId } } })),
});

export const reportQuery = (campaignId: string) => ({
  queryKey: [SCREENING, 'campaign', campaignId, 'report'],
  queryFn: () => ok(api.GET('/api/v1/reports/screening-campaigns/{campaignId}', { params: { path: { campaignId } } })),
});

export const campaignAlertsQuery = (campaignId: string) => ({
  queryKey: ['alerts', 'campaign', campaignId],
  queryFn: () => ok(api.GET('/api/v1/alerts', { params: { query: { campaignId, limit: 200 } } })),
});

export const instrumentQuery = (instrumentId: string) => ({
  queryKey: [SCREENING, 'instrument', instrumentId],
  queryFn: () => ok(api.GET('/api/v1/instruments/{instrumentId}', { params: { path: { instrumentId } } })),
  staleTime: 10 * 60_000,
});

export const counselorsQuery = {
  queryKey: ['counselors'],
  queryFn: () => ok(api.GET('/api/v1/counselors', { params: { query: { limit: 200 } } })),
  staleTime: 5 * 60_000,
} as const;
