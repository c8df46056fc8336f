import fc from 'fast-check';
import { ProblemException } from '../errors/problem.js';
import { decodeCursor, encodeCursor, PageQuery, toPage } from './keyset.js';

const cursorValue = fc.oneof(fc.string({ maxLength: 256 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

describe('keyset cursors', () => {
  it('decode what they encode, for any key values', () => {
    fc.assert(
      fc.property(fc.array(cursorValue, { minLength: 1, maxLength: 4 }), (values) => {
        expect(decodeCursor(encodeCursor(values), values.length)).toEqual(values.map((v) => (Object.is(v, -0) ? 0 : v)));
      }),
    );
  });

  it('reject any string that is not a cursor of the right arity with a 400', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        try {
          decodeCursor(garbage, 2);
        } catch (error) {
          expect(error).toBeInstanceOf(ProblemException);
          expect((error as ProblemException).status).toBe(400);
          return;
        }
        // A random string may by chance decode to a valid two-value array; that is a valid cursor.
        const decoded = JSON.parse(Buffer.from(garbage, 'base64url').toString('utf8'));
        expect(decoded).toHaveLength(2);
      }),
    );
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(ProblemException);
    expect(() => decodeCursor(encodeCursor([{ sql: 'x' } as never, 'a']), 2)).toThrow(ProblemException);
  });

  it('reject a forged text that PostgreSQL cannot compare (NUL)', () => {
    expect(() => decodeCursor(encodeCursor(['name\0', 'a']), 2)).toThrow(ProblemException);
  });
});

describe('toPage', () => {
  const page = (limit: number): PageQuery => Object.assign(new PageQuery(), { limit });

  it('keeps `limit` rows and points the cursor at the last one kept when more exist', () => {
    const rows = [1, 2, 3, 4].map((n) => ({ n }));
    const result = toPage(rows, page(3), (r) => [r.n]);
    expect(result.items).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(decodeCursor(result.nextCursor as string, 1)).toEqual([3]);
  });

  it('ends with a null cursor when the extra row is absent', () => {
    expect(toPage([{ n: 1 }, { n: 2 }, { n: 3 }], page(3), (r) => [r.n]).nextCursor).toBeNull();
    expect(toPage([], page(3), () => [0])).toEqual({ items: [], nextCursor: null });
  });
});
