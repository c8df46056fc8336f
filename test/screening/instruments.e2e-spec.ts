import { validateInstrumentDefinition } from '#screening';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

describe('screening instruments', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const get = async (user: { id: string }, path: string) => t.http.get(`/api/v1/instruments${path}`).set('authorization', await bearer(t, user));

  it('lists the latest active version of each instrument to a counselor, by code', async () => {
    const res = await get(w.counselor, '');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { id: expect.any(String), code: 'cssrs_screener', version: 1, nameZh: '哥伦比亚自杀严重程度评定量表（筛查版）', nameEn: expect.stringContaining('C-SSRS'), itemCount: 7 },
        { id: expect.any(String), code: 'gad7', version: 1, nameZh: '广泛性焦虑量表（GAD-7）', nameEn: expect.stringContaining('GAD-7'), itemCount: 7 },
        { id: expect.any(String), code: 'phq9', version: 1, nameZh: '患者健康问卷抑郁量表（PHQ-9）', nameEn: expect.stringContaining('PHQ-9'), itemCount: 9 },
        { id: expect.any(String), code: 'upi', version: 1, nameZh: '大学生人格问卷（UPI）', nameEn: expect.stringContaining('UPI'), itemCount: 60 },
      ],
      nextCursor: null,
    });
  });

  it('pages the list with a cursor', async () => {
    const first = await get(w.admin, '?limit=3');
    expect(first.body.items.map((i: { code: string }) => i.code)).toEqual(['cssrs_screener', 'gad7', 'phq9']);
    const second = await get(w.admin, `?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ code: 'upi' })], nextCursor: null });
  });

  it('reads one version with its whole definition', async () => {
    const list = await get(w.counselor, '');
    const phq9 = list.body.items.find((i: { code: string }) => i.code === 'phq9');
    const res = await get(w.counselor, `/${phq9.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: phq9.id, code: 'phq9', version: 1, active: true, createdAt: expect.any(String) });
    expect(res.body.definition.items).toHaveLength(9);
    expect(res.body.definition.criticalItems).toEqual([{ type: 'answer', item: 'item9', min: 1 }]);
    expect(res.body.definition.bands.map((b: { min: number; max: number }) => [b.min, b.max])).toEqual([
      [0, 4],
      [5, 9],
      [10, 14],
      [15, 19],
      [20, 27],
    ]);
  });

  it('stores seeded definitions that pass validateInstrumentDefinition', async () => {
    const rows = await t.dataSource.query<{ code: string; definition: unknown }[]>('SELECT code, definition FROM screening_instruments');
    expect(rows.map((r) => r.code).sort()).toEqual(['cssrs_screener', 'gad7', 'phq9', 'upi']);
    for (const row of rows) expect({ code: row.code, errors: validateInstrumentDefinition(row.definition) }).toEqual({ code: row.code, errors: [] });
  });

  it('is refused to class teachers and duty officers', async () => {
    const id = (await get(w.counselor, '')).body.items[0].id;
    for (const user of [w.teacher, w.duty]) {
      expect((await get(user, '')).status).toBe(403);
      expect((await get(user, `/${id}`)).status).toBe(403);
    }
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await get(w.counselor, '/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('instrument.not_found');
    const malformed = await get(w.counselor, '/phq9');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'instrumentId', message: 'must be a UUID' }]);
  });

  it('lists a newer active version instead of the older one, but never an inactive one', async () => {
    const [v1] = await t.dataSource.query<{ id: string; definition: unknown }[]>(`SELECT id, definition FROM screening_instruments WHERE code = 'gad7'`);
    // New versions come with migrations (the owner): the application role may only read them.
    const insert = (version: number, active: boolean) =>
      t.database.asOwner<{ id: string }>(
        `INSERT INTO screening_instruments (code, version, name_zh, name_en, definition, active)
         VALUES ('gad7', $1, 'GAD-7', 'GAD-7', $2::jsonb, $3) RETURNING id`,
        [version, JSON.stringify(v1.definition), active],
      );
    const [v2] = await insert(2, true);
    const [v3] = await insert(3, false);
    const gad7 = (await get(w.counselor, '')).body.items.filter((i: { code: string }) => i.code === 'gad7');
    expect(gad7).toEqual([expect.objectContaining({ id: v2.id, version: 2 })]);
    // Old and inactive versions stay readable: stored responses are explained against them.
    expect((await get(w.counselor, `/${v1.id}`)).body.version).toBe(1);
    expect((await get(w.counselor, `/${v3.id}`)).body).toMatchObject({ version: 3, active: false });
  });

  it('lets the application role read instruments but not change them', async () => {
    const [privileges] = await t.dataSource.query(
      `SELECT has_table_privilege('campus_care_app', 'screening_instruments', 'SELECT') AS "select",
              has_table_privilege('campus_care_app', 'screening_instruments', 'INSERT, UPDATE, DELETE') AS "write"`,
    );
    expect(privileges).toEqual({ select: true, write: false });
  });
});
