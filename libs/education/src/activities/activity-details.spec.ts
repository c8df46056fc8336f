import { type ActivityDetails, activityDetailProblems, changedDetails, editedDetails } from './activity-details.js';
import type { UpdateActivityDto } from './activity.dtos.js';

const base: ActivityDetails = {
  kind: 'class_lesson',
  title: '防溺水主题班会',
  startsAt: new Date('2026-06-20T06:00:00Z'),
  endsAt: new Date('2026-06-20T06:45:00Z'),
  place: '高一1班教室',
  link: null,
  deliveredByUserId: 'b1f9c1a4-0000-4000-8000-000000000001',
  deliveredByName: null,
  materials: [],
};
const edit = (dto: Partial<UpdateActivityDto>) => editedDetails(base, dto as UpdateActivityDto);

describe('activity details', () => {
  it('accepts a time span with a place and one person delivering', () => {
    expect(activityDetailProblems(base)).toEqual([]);
  });

  it('names each broken rule', () => {
    const broken = { ...base, endsAt: base.startsAt, place: null, deliveredByName: '王警官' };
    expect(activityDetailProblems(broken).map((p) => p.field)).toEqual(['endsAt', 'place', 'deliveredByName']);
    expect(activityDetailProblems({ ...base, deliveredByUserId: null }).map((p) => p.field)).toEqual(['deliveredByUserId']);
  });

  it('keeps what an edit leaves out, clears what it sets to null', () => {
    expect(edit({ title: '新标题' })).toEqual({ ...base, title: '新标题' });
    expect(edit({ place: null, link: 'https://meeting.example.cn/j/1' })).toMatchObject({ place: null, link: 'https://meeting.example.cn/j/1' });
  });

  it('switches the speaker from a staff member to a name and back', () => {
    const outside = edit({ deliveredByName: '消防救援大队 王警官' });
    expect(outside).toMatchObject({ deliveredByUserId: null, deliveredByName: '消防救援大队 王警官' });
    expect(editedDetails(outside, { deliveredByUserId: base.deliveredByUserId } as UpdateActivityDto)).toMatchObject({
      deliveredByUserId: base.deliveredByUserId,
      deliveredByName: null,
    });
  });

  it('lists only the details whose value changes', () => {
    expect(changedDetails(base, edit({ title: base.title, startsAt: '2026-06-20T06:00:00.000Z' }))).toEqual([]);
    const stored = { ...base, materials: [{ url: 'https://a.example/x', title: 'PPT' }] };
    expect(changedDetails(stored, editedDetails(stored, { materials: [{ title: 'PPT', url: 'https://a.example/x' }] } as UpdateActivityDto))).toEqual([]);
    expect(changedDetails(base, edit({ endsAt: '2026-06-20T07:00:00Z', materials: [{ url: 'https://a.example/x' }] }))).toEqual([
      'endsAt',
      'materials',
    ]);
  });
});
