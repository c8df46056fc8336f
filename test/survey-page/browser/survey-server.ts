import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { createClass, createSchoolWorld, createStudent } from '../../support/factories.js';
import { instrumentIdsByCode, openCampaign, tokensOf, transition } from '../../screening/support/screening-campaigns.js';

const HOUR = 3600_000;

export interface SurveyServer {
  t: TestApp;
  world: Awaited<ReturnType<typeof createSchoolWorld>>;
  /** `http://127.0.0.1:<port>`: the one origin the page may load from. */
  origin: string;
  campaignId: string;
  /** An unused link of the open PHQ-9 campaign; each call hands out another. */
  freshToken(): string;
  /** A link of another campaign of the same school, closed since. */
  closedCampaignToken: string;
  close(): Promise<void>;
}

/**
 * The real application on a real 127.0.0.1 port (a browser needs one), with a school, an open
 * PHQ-9 campaign for a class of `students`, and a second campaign that has been closed.
 */
export async function startSurveyServer(students = 16): Promise<SurveyServer> {
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const world = await createSchoolWorld(t);
  // Named like the demo school, so that screenshots read as the README describes.
  await t.dataSource.query(`UPDATE schools SET name = '示范中学 Demo High School' WHERE id = $1`, [world.school.id]);
  const ids = await instrumentIdsByCode(t);
  const window = { opensAt: new Date(Date.now() - HOUR).toISOString(), closesAt: new Date(Date.now() + 24 * HOUR).toISOString() };

  const classId = (await createClass(t, world.school.id, world.grade.id)).id;
  await Promise.all(Array.from({ length: students }, () => createStudent(t, { schoolId: world.school.id, classId })));
  const campaign = await openCampaign(t, world.counselor, { ...window, classIds: [classId], instrumentIds: [ids.phq9] });
  const tokens = [...(await tokensOf(t, world.counselor, campaign.id)).values()];

  const other = await openCampaign(t, world.counselor, { ...window, name: '另一次筛查', classIds: [world.classA.id], instrumentIds: [ids.gad7] });
  const closedCampaignToken = [...(await tokensOf(t, world.counselor, other.id)).values()][0];
  const closed = await transition(t, world.counselor, other, 'closed');
  if (closed.status !== 200) throw new Error(`campaign not closed: ${JSON.stringify(closed.body)}`);

  return {
    t,
    world,
    origin: `http://127.0.0.1:${port}`,
    campaignId: campaign.id,
    freshToken: () => {
      const token = tokens.pop();
      if (!token) throw new Error('no unused survey link left: start the server with more students');
      return token;
    },
    closedCampaignToken,
    close: () => t.close(),
  };
}
