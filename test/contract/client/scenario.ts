// Compiled by test/contract/generated-client.e2e-spec.ts against a client generated from
// apps/api/openapi.json (openapi-typescript + openapi-fetch); not part of the project's own build.
// It must type-check without a single cast: every answer's type comes from the document.
import createClient from 'openapi-fetch';
import type { paths } from './api-schema.js';
import type { ScenarioInput } from './scenario-inputs.js';


/** A counselor opens a case for a student and plans a task; the administrator verifies the audit chain. */
export async function runScenario(input: ScenarioInput): Promise<string[]> {
  const api = createClient<paths>({ baseUrl: input.baseUrl });
  const counselor = { authorization: `Bearer ${input.counselorToken}` };
  const steps: string[] = [];

  const students = await api.GET('/api/v1/students', { headers: counselor, params: { query: { limit: 10 } } });
  if (!students.data) throw new Error(`listStudents: ${students.response.status}`);
  steps.push(`students: ${students.data.items.length}, next ${students.data.nextCursor ?? 'none'}`);

  const student = await api.GET('/api/v1/students/{studentId}', { headers: counselor, params: { path: { studentId: input.studentId } } });
  if (!student.data) throw new Error(`getStudent: ${student.response.status}`);
  steps.push(`student: ${student.data.name}, guardians ${student.data.guardians.length}`);

  const opened = await api.POST('/api/v1/cases', {
    headers: counselor,
    body: { studentId: input.studentId, riskLevel: 'moderate', reason: 'Teacher observed withdrawal over two weeks' },
  });
  if (!opened.data) throw new Error(`openCase: ${opened.response.status}`);
  const caseId = opened.data.id;
  steps.push(`case: ${opened.data.state}, risk ${opened.data.riskLevel}, version ${opened.data.version}`);

  const again = await api.POST('/api/v1/cases', { headers: counselor, body: { studentId: input.studentId, riskLevel: 'moderate' } });
  // A problem answer is typed too: its code is one of those the document lists for this status.
  if (again.error) steps.push(`second case: ${again.response.status} ${again.error.code}`);

  const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const task = await api.POST('/api/v1/cases/{caseId}/tasks', {
    headers: counselor,
    params: { path: { caseId } },
    body: { title: 'Call the guardian', assigneeId: input.counselorId, dueAt },
  });
  if (!task.data) throw new Error(`createCaseTask: ${task.response.status}`);
  steps.push(`task: ${task.data.title}, ${task.data.status}`);

  const verified = await api.GET('/api/v1/audit-events/verify', { headers: { authorization: `Bearer ${input.adminToken}` } });
  if (!verified.data) throw new Error(`verifyAuditChain: ${verified.response.status}`);
  steps.push(`audit chain: ${verified.data.ok ? 'intact' : `broken at ${verified.data.firstBrokenSeq}`}`);
  return steps;
}
