import { ContractValidator, documentPathOf, type ContractAnswer } from './contract-validator.js';
import type { OpenApiDocument } from './openapi-document.js';

const ALERT_ID = '0b6e4f52-2f3c-4a51-9d7e-6a1f0c2b3d4e';

const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

const document: OpenApiDocument = {
  openapi: '3.0.0',
  paths: {
    '/api/v1/alerts': {
      get: {
        operationId: 'listAlerts',
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/Page' },
                    { properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Alert' } } }, required: ['items'] },
                  ],
                },
              },
            },
          },
          '4XX': problem,
        },
      },
    },
    '/api/v1/alerts/{alertId}/acknowledge': {
      post: {
        operationId: 'acknowledgeAlert',
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Alert' } } } },
          '404': { $ref: '#/components/responses/NotFound' },
          default: problem,
        },
      },
    },
    '/api/v1/alerts/{alertId}': {
      delete: { operationId: 'deleteAlert', responses: { '204': { description: 'Deleted' } } },
    },
    '/api/v1/reports/roster.csv': {
      get: { operationId: 'exportRoster', responses: { '200': { content: { 'text/csv': { schema: { type: 'string' } } } } } },
    },
    '/api/v1/files/{path}': {
      get: { operationId: 'getFile', responses: { '200': { content: { 'image/*': {} } } } },
    },
  },
  components: {
    schemas: {
      Page: {
        type: 'object',
        properties: { nextCursor: { type: 'string', nullable: true } },
        required: ['nextCursor'],
      },
      Alert: {
        type: 'object',
        'x-view': 'AlertView',
        example: { id: ALERT_ID },
        properties: {
          id: { type: 'string', format: 'uuid' },
          severity: { type: 'string', enum: ['low', 'high'] },
          raisedAt: { type: 'string', format: 'date-time' },
          dueOn: { type: 'string', format: 'date', nullable: true },
          outcome: { type: 'string', enum: ['resolved', 'referred'], nullable: true },
          handler: { allOf: [{ $ref: '#/components/schemas/Person' }], nullable: true },
        },
        required: ['id', 'severity', 'raisedAt', 'dueOn', 'outcome', 'handler'],
        additionalProperties: false,
      },
      Person: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      Problem: {
        type: 'object',
        properties: { status: { type: 'integer' }, code: { type: 'string' }, title: { type: 'string' } },
        required: ['status', 'code', 'title'],
      },
    },
    responses: { NotFound: { description: 'No such alert', ...problem } },
  },
};

const alert = { id: ALERT_ID, severity: 'high', raisedAt: '2026-09-01T08:00:00.000Z', dueOn: null, outcome: null, handler: null };

function answer(overrides: Partial<ContractAnswer> & { json?: unknown }): ContractAnswer {
  const { json, ...rest } = overrides;
  return {
    method: 'GET',
    route: '/api/v1/alerts',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: json === undefined ? '' : JSON.stringify(json),
    ...rest,
  };
}

const acknowledge = { method: 'POST', route: '/api/v1/alerts/:alertId/acknowledge' };

describe('ContractValidator', () => {
  const validator = new ContractValidator(document);

  describe('passes answers that keep the contract', () => {
    it('a page of alerts (allOf of the page schema, nullable fields, enums, formats)', () => {
      const page = { items: [alert, { ...alert, dueOn: '2026-09-30', outcome: 'referred', handler: { name: '王老师' } }], nextCursor: null };
      expect(validator.check(answer({ json: page }))).toEqual([]);
    });

    it('a $ref response under a route template with a parameter', () => {
      expect(validator.check(answer({ ...acknowledge, json: alert }))).toEqual([]);
    });

    it('a problem+json error through a $ref response, a 4XX range and default', () => {
      const notFound = { status: 404, code: 'alert.not_found', title: 'Not found' };
      const json = 'application/problem+json; charset=utf-8';
      expect(validator.check(answer({ ...acknowledge, status: 404, contentType: json, json: notFound }))).toEqual([]);
      expect(validator.check(answer({ status: 400, contentType: json, json: { ...notFound, status: 400 } }))).toEqual([]);
      expect(validator.check(answer({ ...acknowledge, status: 503, contentType: json, json: { ...notFound, status: 503 } }))).toEqual([]);
    });

    it('a 204 without a body, and a HEAD answer by its GET operation', () => {
      expect(validator.check(answer({ method: 'DELETE', route: '/api/v1/alerts/:alertId', status: 204, contentType: undefined }))).toEqual([]);
      expect(validator.check(answer({ method: 'HEAD' }))).toEqual([]);
    });

    it('a non-JSON body by its media type alone, parameters aside', () => {
      const csv = answer({ route: '/api/v1/reports/roster.csv', contentType: 'text/csv; charset=utf-8', body: 'name\n张三\n' });
      expect(validator.check(csv)).toEqual([]);
    });

    it('a streamed body by its media type, against a media range', () => {
      expect(validator.check(answer({ route: '/api/v1/files/*', contentType: 'image/png', body: null }))).toEqual([]);
    });

    it('skips answers of routes the app does not have', () => {
      expect(validator.check(answer({ route: undefined, status: 404, json: { code: 'route.not_found' } }))).toEqual([]);
    });
  });

  describe('finds each kind of violation', () => {
    it('an operation the document does not have', () => {
      expect(validator.check(answer({ method: 'PUT', route: '/api/v1/alerts/:alertId', json: alert }))).toEqual([
        'PUT /api/v1/alerts/{alertId} answered 200: the document has no such operation',
      ]);
    });

    it('an undocumented status', () => {
      expect(validator.check(answer({ method: 'DELETE', route: '/api/v1/alerts/:alertId', status: 409, json: {} }))).toEqual([
        'DELETE /api/v1/alerts/{alertId} (deleteAlert) answered 409: status 409 is not documented (documented: 204)',
      ]);
    });

    it('an undocumented media type', () => {
      const [violation] = validator.violations(answer({ route: '/api/v1/reports/roster.csv', contentType: 'application/json', json: [] }));
      expect(violation).toMatchObject({ kind: 'undocumented-media-type', operationId: 'exportRoster' });
      expect(violation.message).toBe('application/json is not documented for 200 (documented: text/csv)');
    });

    it('a body where the document describes none', () => {
      const [violation] = validator.violations(answer({ method: 'DELETE', route: '/api/v1/alerts/:alertId', status: 204, json: {} }));
      expect(violation).toBeUndefined(); // a 204 has no body whatever the payload: fastify drops it
      const documentless = new ContractValidator({ openapi: '3.0.0', paths: { '/x': { get: { responses: { '200': { description: '' } } } } } });
      expect(documentless.violations(answer({ route: '/x', json: { a: 1 } }))).toEqual([
        expect.objectContaining({ kind: 'unexpected-body', message: 'the document describes no content for 200 but a application/json arrived', body: '{"a":1}' }),
      ]);
    });

    it('an empty body where the document describes content', () => {
      expect(validator.violations(answer({ ...acknowledge }))).toEqual([
        expect.objectContaining({ kind: 'missing-body', message: 'the document describes application/json but the body is empty' }),
      ]);
    });

    it('a body that breaks its schema, with instance paths and what arrived', () => {
      const broken = { items: [{ ...alert, severity: 'urgent', raisedAt: 'yesterday', handler: {}, extra: 1 }], nextCursor: 7 };
      const [line] = validator.check(answer({ json: broken }));
      expect(line).toContain('GET /api/v1/alerts (listAlerts) answered 200: the body does not match the schema: ');
      expect(line).toContain('/nextCursor must be string (got 7)');
      expect(line).toContain('/items/0 must NOT have additional properties: extra');
      expect(line).toContain('/items/0/severity must be equal to one of the allowed values: "low", "high" (got "urgent")');
      expect(line).toContain('/items/0/raisedAt must match format "date-time" (got "yesterday")');
      expect(line).toContain("/items/0/handler must have required property 'name'");
    });

    it('a broken uuid, date and nullable enum', () => {
      const [line] = validator.check(answer({ ...acknowledge, json: { ...alert, id: 'alert-1', dueOn: '30/09/2026', outcome: 'lost' } }));
      expect(line).toContain('/id must match format "uuid" (got "alert-1")');
      expect(line).toContain('/dueOn must match format "date" (got "30/09/2026")');
      expect(line).toContain('/outcome must be equal to one of the allowed values: "resolved", "referred", null (got "lost")');
    });

    it('a problem that is not a problem, and a body that is not JSON', () => {
      const [problemLine] = validator.check(answer({ status: 422, contentType: 'application/problem+json', json: { message: 'no' } }));
      expect(problemLine).toContain("(body) must have required property 'status'");
      expect(validator.violations(answer({ ...acknowledge, body: '{"id": ' }))).toEqual([
        expect.objectContaining({ kind: 'invalid-body', message: 'the application/json body is not JSON' }),
      ]);
    });

    it('truncates a huge body and lists at most ten schema errors', () => {
      const items = Array.from({ length: 50 }, () => ({ ...alert, severity: 'urgent' }));
      const [violation] = validator.violations(answer({ json: { items, nextCursor: null } }));
      expect(violation.message).toMatch(/; and 40 more$/);
      expect(violation.body).toMatch(/^\{"items":\[.{280,}\.\.\. \(\d+ characters\)$/);
    });

    it('a schema the document gets wrong, once compiled', () => {
      const wrong = new ContractValidator({ openapi: '3.0.0', paths: { '/x': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'string', format: 'colour' } } } } } } } } });
      const [violation] = wrong.violations(answer({ route: '/x', json: 'red' }));
      expect(violation).toMatchObject({ kind: 'unusable-schema' });
      expect(violation.message).toContain('unknown format "colour"');
      const misspelt = new ContractValidator({
        openapi: '3.0.0',
        paths: { '/x': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/X' } } } } } } } },
        components: { schemas: { X: { type: 'object', required: true, properties: { a: { type: 'string', nullabel: true } } } } },
      });
      expect(misspelt.violations(answer({ route: '/x', json: {} }))).toEqual([expect.objectContaining({ kind: 'unusable-schema', message: expect.stringContaining('required value must be ["array"]') })]);
    });
  });

  it('reads fastify route templates as document paths', () => {
    expect(documentPathOf('/api/v1/alerts/:alertId/acknowledge')).toBe('/api/v1/alerts/{alertId}/acknowledge');
    expect(documentPathOf('/api/v1/students/:studentId(^[0-9a-f-]+$)/')).toBe('/api/v1/students/{studentId}');
    expect(documentPathOf('/s/assets/*')).toBe('/s/assets/{*}');
    expect(documentPathOf('/')).toBe('/');
  });
});
