import { ThrownProblemsAnalysis } from './thrown-problems.js';
import { virtualProgram } from './virtual-program.spec-helper.js';

/** A miniature of libs/core's problem classes and a controller calling through services and helpers. */
const PROBLEMS = `
  export class ProblemException extends Error {
    constructor(readonly status: number, readonly code: string, readonly detail?: string) { super(code); }
  }
  export class NotFoundProblem extends ProblemException {
    constructor(code: 'student.not_found' | 'class.not_found' | 'term.not_found' | 'holiday.not_found', detail?: string) { super(404, code, detail); }
  }
  export class ConflictProblem extends ProblemException {
    constructor(code: 'student.version_conflict' | 'case.already_open' | 'appointment.overlap', detail?: string) { super(409, code, detail); }
  }
  export class ForbiddenProblem extends ProblemException {
    constructor(code: 'auth.forbidden' = 'auth.forbidden') { super(403, code); }
  }
`;

const SOURCES = `
  import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ProblemException } from './problems';
  import { query } from './database';

  const studentNotFound = () => new NotFoundProblem('student.not_found', 'No such student');
  function orNotFound<T>(rows: T[] | null, problem: () => NotFoundProblem): T[] { if (!rows) throw problem(); return rows; }
  function conflict(code: 'case.already_open' | 'appointment.overlap') { return new ConflictProblem(code); }
  type Kind = { entity: 'term' | 'holiday' };

  class Repository {
    find(id: string): string[] | null { return query(id); }
  }

  class Service {
    constructor(private readonly repository: Repository) {}
    get(id: string) { return orNotFound(this.repository.find(id), studentNotFound); }
    open() { throw conflict('case.already_open'); }
    period(kind: Kind) { throw new NotFoundProblem(\`\${kind.entity}.not_found\`); }
    gone() { throw new ProblemException(410, 'survey.closed'); }
    deny() { throw new ForbiddenProblem(); }
  }

  export class StudentsController {
    constructor(private readonly service: Service) {}
    get(id: string) { return this.service.get(id); }
    open() { return this.service.open(); }
    period(kind: Kind) { return this.service.period(kind); }
    pure() { return 42; }
  }

  export class OtherController {
    constructor(private readonly service: Service) {}
    all(kind: Kind) { this.service.gone(); this.service.deny(); return this.service.period(kind); }
  }
`;

function analysis(): ThrownProblemsAnalysis {
  return new ThrownProblemsAnalysis(
    virtualProgram({
      '/p/problems.ts': PROBLEMS,
      '/p/database.ts': 'export declare function query(id: string): string[] | null;',
      '/p/app.ts': SOURCES,
    }),
  );
}

describe('ThrownProblemsAnalysis', () => {
  it('follows calls through services, helpers and functions passed to others', () => {
    expect([...analysis().ofMethod('StudentsController', 'get').codes]).toEqual(['student.not_found']);
  });

  it("resolves a helper's code parameter at each call, and template literals over a union", () => {
    const a = analysis();
    expect([...a.ofMethod('StudentsController', 'open').codes]).toEqual(['case.already_open']);
    expect([...a.ofMethod('StudentsController', 'period').codes].sort()).toEqual(['holiday.not_found', 'term.not_found']);
    expect([...a.ofMethod('StudentsController', 'pure').codes]).toEqual([]);
  });

  it('takes a default code, and a ProblemException with its own status', () => {
    expect([...analysis().ofMethod('OtherController', 'all').codes].sort()).toEqual(['auth.forbidden', 'holiday.not_found', 'survey.closed', 'term.not_found']);
  });

  it('lists every construction with its status, for the registry check', () => {
    const found = analysis()
      .constructions()
      .map(({ codes, status }) => `${[...codes].sort().join('|')} ${status}`);
    expect(found).toEqual(['student.not_found 404', 'appointment.overlap|case.already_open 409', 'holiday.not_found|term.not_found 404', 'survey.closed 410', 'auth.forbidden 403']);
  });

  it('refuses a code it cannot reduce to literals', () => {
    const a = new ThrownProblemsAnalysis(
      virtualProgram({
        '/p/problems.ts': PROBLEMS,
        '/p/app.ts': `import { ProblemException } from './problems';
          export class C { run(code: string) { const c = code.trim(); throw new ProblemException(400, c); } }`,
      }),
    );
    a.ofMethod('C', 'run');
    expect(a.problems).toEqual([expect.stringMatching(/app\.ts:2: cannot tell which problem code `c` is/)]);
  });
});
