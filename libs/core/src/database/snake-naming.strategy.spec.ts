import { SnakeNamingStrategy } from './snake-naming.strategy.js';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it.each([
    ['schoolId', 'school_id'],
    ['createdAt', 'created_at'],
    ['phq9Total', 'phq9_total'],
    ['HTTPRequestId', 'http_request_id'],
  ])('names column %s as %s', (property, column) => {
    expect(naming.columnName(property, undefined, [])).toBe(column);
  });

  it('keeps explicit names and prefixes embedded columns', () => {
    expect(naming.columnName('x', 'given_name', [])).toBe('given_name');
    expect(naming.columnName('phone', undefined, ['guardian'])).toBe('guardian_phone');
    expect(naming.tableName('StudentGuardian', undefined)).toBe('student_guardian');
    expect(naming.tableName('StudentGuardian', 'guardians')).toBe('guardians');
  });
});
