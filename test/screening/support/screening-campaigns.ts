import type { TestApp } from '../../support/test-app.js';
import { bearer } from '../../support/factories.js';

/** Helpers shared by the screening campaign, survey and response tests. */

export const as = async (t: TestApp, user: { id: string }) => ({ authorization: await bearer(t, user) });

/** The id of version 1 of each seeded instrument, by code. */
export async function instrumentIdsByCode(t: TestApp): Promise<Record<string, string>> {
  const rows = await t.dataSource.query<{ id: string; code: string }[]>('SELECT id, code FROM screening_instruments WHERE version = 1');
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/** PHQ-9 answers: every item 0 unless overridden. */
export const phq9 = (overrides: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`item${i + 1}`, 0])),
  ...overrides,
});

/** GAD-7 answers: every item 0 unless overridden. */
export const gad7 = (overrides: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`item${i + 1}`, 0])),
  ...overrides,
});

/** PHQ-9 answers with the given total, item 9 left at 0 (so no critical item). */
export const phq9WithTotal = (total: number) => phq9(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`item${i + 1}`, Math.max(0, Math.min(3, total - 3 * i))])));

export interface CampaignInput {
  name?: string;
  opensAt?: string;
  closesAt?: string;
  gradeIds?: string[];
  classIds?: string[];
  instrumentIds?: string[];
  consentTextZh?: string;
  consentTextEn?: string;
  counselorIds?: string[];
}

export async function createCampaign(t: TestApp, counselor: { id: string }, input: CampaignInput) {
  return t.http
    .post('/api/v1/screening-campaigns')
    .set(await as(t, counselor))
    .send({
      name: '2026秋季心理健康筛查',
      consentTextZh: '本问卷用于了解你的心理健康状况，结果仅由学校心理教师查看。',
      ...input,
    });
}

export async function transition(t: TestApp, counselor: { id: string }, campaign: { id: string; version: number }, to: string) {
  return t.http
    .post(`/api/v1/screening-campaigns/${campaign.id}/transitions`)
    .set(await as(t, counselor))
    .send({ to, version: campaign.version });
}

/** Creates and opens a campaign; answers its detail after opening. */
export async function openCampaign(t: TestApp, counselor: { id: string }, input: CampaignInput) {
  const created = await createCampaign(t, counselor, input);
  if (created.status !== 201) throw new Error(`campaign not created: ${JSON.stringify(created.body)}`);
  const opened = await transition(t, counselor, created.body, 'open');
  if (opened.status !== 200) throw new Error(`campaign not opened: ${JSON.stringify(opened.body)}`);
  return opened.body as { id: string; version: number; invitationCount: number };
}

/** Reads a CSV without quoted line breaks: enough for the files these tests make. */
export function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

/** A cell as a spreadsheet shows it: without the apostrophe the export puts before text that starts like a formula. */
export const shownText = (cell: string): string => cell.replace(/^'(?=[=+\-@\t\r])/, '');

/** The exported tokens of a campaign, by student number. */
export async function tokensOf(t: TestApp, counselor: { id: string }, campaignId: string): Promise<Map<string, string>> {
  const res = await t.http
    .get(`/api/v1/screening-campaigns/${campaignId}/invitations.csv`)
    .set(await as(t, counselor))
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
  if (res.status !== 200) throw new Error(`export failed: ${res.status}`);
  const [header, ...rows] = csvRows(res.body as string);
  const number = header.indexOf('student_number');
  const token = header.indexOf('token');
  return new Map(rows.map((row) => [shownText(row[number]), shownText(row[token])]));
}
