import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { ConflictProblem, NotFoundProblem } from './problem.js';
import { problemFromError } from './problem-from-error.js';

const queryError = (code: string) =>
  new QueryFailedError('SELECT secret FROM students WHERE id = $1', ['x'], Object.assign(new Error('boom'), { code }));

describe('ProblemException.toProblem', () => {
  it('keeps its own members when an extension has the same name', () => {
    const problem = new ConflictProblem('reminder.illegal_transition', 'No', { status: 'snoozed', code: 'x', allowed: ['complete'] });
    expect(problem.toProblem()).toEqual({
      type: '/problems/reminder',
      title: 'Conflict',
      status: 409,
      detail: 'No',
      code: 'reminder.illegal_transition',
      allowed: ['complete'],
    });
  });
});

describe('problemFromError', () => {
  it('passes problems through unchanged', () => {
    const problem = new NotFoundProblem('student.not_found');
    expect(problemFromError(problem)).toBe(problem);
  });

  it.each([
    [new NotFoundException(), 404, 'route.not_found'],
    [new PayloadTooLargeException(), 413, 'request.too_large'],
    [new BadRequestException(), 400, 'request.malformed'],
    [Object.assign(new Error('too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 413, 'request.too_large'],
    [Object.assign(new Error('bad type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), 415, 'request.unsupported_media_type'],
    [queryError('57P01'), 503, 'database.unavailable'],
    [queryError('23505'), 500, 'internal.error'],
    [queryError('40P01'), 503, 'database.busy'],
    [queryError('40001'), 503, 'database.busy'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 503, 'database.unavailable'],
    [new Error('Connection terminated unexpectedly'), 503, 'database.unavailable'],
    [new QueryFailedError('SELECT 1', [], new Error('Client has encountered a connection error and is not queryable')), 503, 'database.unavailable'],
    [new QueryRunnerAlreadyReleasedError(), 503, 'database.unavailable'],
    [new QueryRunnerProviderAlreadyReleasedError(), 503, 'database.unavailable'],
    [new Error('anything else'), 500, 'internal.error'],
    ['a thrown string', 500, 'internal.error'],
  ])('maps %p to %i %s', (error, status, code) => {
    const problem = problemFromError(error);
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(code);
  });

  it('never puts the original message in the answer', () => {
    const body = JSON.stringify(problemFromError(queryError('42P01')).toProblem());
    expect(body).not.toMatch(/secret|students|boom/);
  });

  it('tells the client when to retry an unavailable database', () => {
    expect(problemFromError(queryError('57P01')).extensions.headers).toEqual({ 'retry-after': '5' });
  });
});
