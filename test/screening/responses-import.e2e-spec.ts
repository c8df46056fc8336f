import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createClass, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { as, instrumentIdsByCode, openCampaign } from './support/screening-campaigns.js';

const HOUR = 3600_000;
const START = new Date('2026-09-01T00:00:00Z');
const PHQ9_ITEMS = Array.from({ length: 9 }, (_, i) => `item${i + 1}`);
const UPI_ITEMS = Array.from({ length: 60 }, (_, i) => `item${i + 1}`);
const HEADER = ['student_number', 'instrument', 'administered_at', ...UPI_ITEMS, 'asksForCounseling'].join(',');

/** A row: PHQ-9 values in item1-9, or UPI yes/no cells in item1-60. */
const row = (studentNumber: string, instrument: string, values: string[], extra: { at?: string; flag?: string } = {}) =>
  [studentNumber, instrument, extra.at ?? '', ...UPI_ITEMS.map((_, i) => values[i] ?? ''), extra.flag ?? ''].join(',');
const phq9Cells = (values: Partial<Record<string, string>> = {}) => PHQ9_ITEMS.map((key) => values[key] ?? '0');
const upiCells = (yes: number[] = []) => UPI_ITEMS.map((_, i) => (yes.includes(i + 1) ? '是' : '否'));

describe('importing screening results from CSV', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let campaignId: string;
  let students: { id: string; studentNumber: string }[];
  const clock = new ManualClock(START);

  const importCsv = async (user: { id: string }, lines: string[], contentType = 'text/csv') =>
    t.http
      .post(`/api/v1/screening-campaigns/${campaignId}/responses/import`)
      .set(await as(t, user))
      .set('content-type', contentType)
      .send('\uFEFF' + lines.join('\r\n'));
  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE school_id = $1`, [w.school.id]))[0].n;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    const ids = await instrumentIdsByCode(t);
    const klass = await createClass(t, w.school.id, w.grade.id);
    students = await Promise.all(['I-01', 'I-02', 'I-03'].map((studentNumber) => createStudent(t, { schoolId: w.school.id, classId: klass.id, studentNumber })));
    campaignId = (
      await openCampaign(t, w.counselor, {
        opensAt: new Date(START.getTime() - 24 * HOUR).toISOString(),
        closesAt: new Date(START.getTime() + 7 * 24 * HOUR).toISOString(),
        classIds: [klass.id],
        instrumentIds: [ids.phq9, ids.upi],
      })
    ).id;
  });
  afterAll(async () => t.close());

  it('reports every row error with its row and column, and stores nothing', async () => {
    const before = await count('screening_responses');
    const res = await importCsv(w.counselor, [
      HEADER,
      row('I-01', 'phq9', phq9Cells({ item3: '4' })),
      row('I-99', 'phq9', phq9Cells()),
      row('I-02', 'gad7', phq9Cells()),
      row('I-02', 'phq9', phq9Cells({ item9: '' })),
      row('I-03', 'upi', upiCells().map((cell, i) => (i === 4 ? 'maybe' : cell))),
      row('I-03', 'PHQ9', phq9Cells(), { at: '2026-09-05T10:00:00+08:00' }),
      row('I-01', 'phq9', phq9Cells()),
      row('I-02', 'upi', upiCells(), { at: 'yesterday', flag: 'x' }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('screening_response_import.invalid');
    expect(res.body.errors).toEqual([
      { field: 'row 2: item3', message: 'must be between 0 and 3' },
      { field: 'row 3: student_number', message: 'is not a student invited to this campaign' },
      { field: 'row 4: instrument', message: 'must be one of phq9, upi' },
      { field: 'row 5: item9', message: 'must be answered' },
      { field: 'row 6: item5', message: 'must be yes or no (1/0, yes/no, 是/否)' },
      { field: 'row 7: administered_at', message: 'must not be in the future' },
      { field: 'row 8: instrument', message: 'repeats the student and instrument of row 2' },
      { field: 'row 9: administered_at', message: 'must be a time with its offset, e.g. 2026-09-15T10:30:00+08:00' },
    ]);
    expect(await count('screening_responses')).toBe(before);
    expect((await t.dataSource.query(`SELECT DISTINCT status FROM screening_invitations WHERE campaign_id = $1`, [campaignId])).map((r: { status: string }) => r.status)).toEqual(['pending']);
  });

  it.each([
    [['student_number,instrument,item1,colour', row('I-01', 'phq9', phq9Cells())], 'has an unknown column "colour": besides student_number, instrument, administered_at, columns are item and flag keys of the campaign\'s instruments'],
    [['instrument,item1', 'phq9,0'], 'misses the column student_number'],
    [[HEADER], 'has no response rows below the header'],
  ])('refuses a file whose header or shape is wrong: %#', async (lines, message) => {
    const res = await importCsv(w.counselor, lines);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { message: string }) => e.message)).toContain(message);
  });

  it('imports a good file in one go: responses, audit, alerts and risk for every student', async () => {
    const res = await importCsv(w.counselor, [
      HEADER,
      row('I-01', 'phq9', phq9Cells({ item1: '2', item2: '1' }), { at: '2026-08-31T20:00:00+08:00' }),
      row('I-01', 'upi', upiCells([1, 2]), { flag: 'yes' }),
      row('I-02', 'phq9', phq9Cells({ item9: '2' })),
      row('I-03', 'upi', upiCells([8])),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 4 });
    const stored = await t.dataSource.query(
      `SELECT s.student_number, r.instrument_code, r.total, r.band_code, r.classification, r.critical_items_hit, r.source, r.entered_by, r.administered_at
         FROM screening_responses r JOIN students s ON s.id = r.student_id WHERE r.campaign_id = $1 ORDER BY 1, 2`,
      [campaignId],
    );
    expect(stored.map((r: Record<string, unknown>) => [r.student_number, r.instrument_code, r.total, r.band_code, r.critical_items_hit])).toEqual([
      ['I-01', 'phq9', 3, 'minimal', []],
      ['I-01', 'upi', 2, 'class1', []],
      ['I-02', 'phq9', 2, 'minimal', ['item9']],
      ['I-03', 'upi', 1, 'class2', []],
    ]);
    expect(stored.every((r: { source: string; entered_by: string }) => r.source === 'import' && r.entered_by === w.counselor.id)).toBe(true);
    expect(stored[0].administered_at.toISOString()).toBe('2026-08-31T12:00:00.000Z');
    expect(stored[1].administered_at.toISOString()).toBe(START.toISOString());

    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'screening_response.import' AND school_id = $1`, [w.school.id]);
    expect(audit[0].n).toBe(4);
    const alerts = await t.dataSource.query(
      `SELECT s.student_number, a.severity, a.reason_code FROM alerts a JOIN students s ON s.id = a.student_id WHERE a.school_id = $1 ORDER BY 1`,
      [w.school.id],
    );
    expect(alerts).toEqual([
      { student_number: 'I-01', severity: 'high', reason_code: 'band:upi:class1' },
      { student_number: 'I-02', severity: 'critical', reason_code: 'critical_item:phq9' },
    ]);
    const levels = await t.dataSource.query(
      `SELECT s.student_number, r.level FROM student_risk r JOIN students s ON s.id = r.student_id WHERE s.id = ANY($1::uuid[]) ORDER BY 1`,
      [students.map((s) => s.id)],
    );
    expect(levels).toEqual([
      { student_number: 'I-01', level: 'high' },
      { student_number: 'I-02', level: 'critical' },
      { student_number: 'I-03', level: 'moderate' },
    ]);
    const used = await t.dataSource.query(`SELECT count(*)::int AS n FROM screening_invitations WHERE campaign_id = $1 AND status = 'used'`, [campaignId]);
    expect(used[0].n).toBe(3);

    const repeat = await importCsv(w.counselor, [HEADER, row('I-03', 'phq9', phq9Cells()), row('I-03', 'upi', upiCells())]);
    expect(repeat.body.errors).toEqual([{ field: 'row 3: instrument', message: 'the student already has a upi response in this campaign' }]);
  });

  it("is for the campaign's team only, and takes text/csv only", async () => {
    const outsider = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    expect((await importCsv(outsider, [HEADER, row('I-01', 'phq9', phq9Cells())])).status).toBe(404);
    expect((await importCsv(w.teacher, [HEADER])).status).toBe(403);
    expect((await importCsv(w.counselor, [HEADER, row('I-01', 'phq9', phq9Cells())], 'text/plain')).status).toBe(415);
  });
});
