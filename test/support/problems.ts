/** An HTTP answer as supertest gives it, as far as a problem check needs. */
export interface AnswerWithBody {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** The answer is an RFC 9457 problem with this status and stable code. */
export function expectProblem(res: AnswerWithBody, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}
