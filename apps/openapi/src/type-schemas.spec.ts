import ts from 'typescript';
import { TypeSchemas } from './type-schemas.js';
import { virtualProgram } from './virtual-program.spec-helper.js';

const CONTRACT_TYPES = '/p/libs/core/src/contract/contract-types.ts';

/** The schema of the type alias `Answer` in `source`, and the components it named. */
function describe_(source: string): { schema: unknown; components: Record<string, unknown>; problems: string[] } {
  const program = virtualProgram({
    [CONTRACT_TYPES]: 'export type Uuid = string;\nexport type IsoDate = string;\nexport type IsoDateTime = string;\n',
    '/p/views.ts': `import type { Uuid, IsoDate, IsoDateTime } from './libs/core/src/contract/contract-types';\n${source}`,
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile('/p/views.ts')!;
  const alias = file.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'Answer')!;
  const schemas = new TypeSchemas(checker);
  const schema = schemas.ofReturnType(checker.getTypeAtLocation(alias.name), 'Answer');
  return { schema, components: schemas.components, problems: schemas.problems };
}

describe('TypeSchemas', () => {
  it('names interfaces as components, with required and optional properties, and formats from the declared names', () => {
    const { schema, components, problems } = describe_(`
      interface StudentView {
        /** The student's own id. */
        id: Uuid;
        name: string;
        bornOn: IsoDate | null;
        checkedAt: IsoDateTime;
        seenAt: Date;
        classIds: Uuid[];
        nickname?: string;
        grade: number;
        active: boolean;
      }
      type Answer = Promise<StudentView>;`);
    expect(problems).toEqual([]);
    expect(schema).toEqual({ $ref: '#/components/schemas/StudentView' });
    expect(components.StudentView).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'bornOn', 'checkedAt', 'seenAt', 'classIds', 'grade', 'active'],
      properties: {
        id: { type: 'string', format: 'uuid', description: "The student's own id." },
        name: { type: 'string' },
        bornOn: { type: 'string', format: 'date', nullable: true },
        checkedAt: { type: 'string', format: 'date-time' },
        seenAt: { type: 'string', format: 'date-time' },
        classIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
        nickname: { type: 'string' },
        grade: { type: 'number' },
        active: { type: 'boolean' },
      },
    });
  });

  it('makes literal unions enums (named when the union has a name), and nullable references an allOf', () => {
    const { components } = describe_(`
      type AlertStatus = 'open' | 'acknowledged';
      interface Owner { id: Uuid }
      interface AlertView { status: AlertStatus; severity: 'low' | 'critical' | null; owner: Owner | null; level: 1 | 2 }
      type Answer = AlertView;`);
    expect(components.AlertStatus).toEqual({ type: 'string', enum: ['acknowledged', 'open'] });
    expect(components.AlertView).toMatchObject({
      properties: {
        status: { $ref: '#/components/schemas/AlertStatus' },
        severity: { type: 'string', enum: ['critical', 'low', null], nullable: true },
        owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
        level: { type: 'number', enum: [1, 2] },
      },
    });
  });

  it('gives every Page<T> the one Page schema with its items typed', () => {
    const { schema, components } = describe_(`
      interface Page<T> { items: T[]; nextCursor: string | null }
      interface Row { id: Uuid }
      type Answer = Promise<Page<Row>>;`);
    expect(schema).toEqual({
      allOf: [
        { $ref: '#/components/schemas/Page' },
        { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Row' } } } },
      ],
    });
    expect(components.Page).toMatchObject({ required: ['items', 'nextCursor'] });
  });

  it('describes records as maps, and void as no body', () => {
    const { schema, components } = describe_(`type Answer = { counts: Record<string, number> };`);
    expect(schema).toEqual({ $ref: '#/components/schemas/Answer' });
    expect(components.Answer).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['counts'],
      properties: { counts: { type: 'object', properties: {}, additionalProperties: { type: 'number' } } },
    });
    expect(describe_(`type Answer = Promise<void>;`).schema).toBeUndefined();
  });

  it('refuses what says nothing: any, unknown, functions, two types of one name', () => {
    expect(describe_(`type Answer = { data: unknown; extra: any };`).problems).toEqual([
      'Answer.data: `unknown` says nothing; give it a type',
      'Answer.extra: `any` says nothing; give it a type',
    ]);
    expect(describe_(`type Answer = { run: () => void };`).problems).toEqual(['Answer.run: a function is not an answer']);
    const clash = describe_(`
      namespace a { export interface Row { x: string } }
      namespace b { export interface Row { y: string } }
      type Answer = { first: a.Row; second: b.Row };`);
    expect(clash.problems).toEqual([expect.stringMatching(/^Two answer types are both named Row .* rename one$/)]);
  });
});
