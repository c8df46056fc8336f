import { EncryptedColumns } from './encrypted-columns.js';

describe('EncryptedColumns', () => {
  it('lists what it was given', () => {
    const notes = { table: 'case_notes', column: 'body', idColumn: 'id' };
    expect(new EncryptedColumns([notes]).all()).toEqual([notes]);
  });

  it.each([
    ['a quoted table name', { table: 'case_notes"; DROP TABLE x; --', column: 'body', idColumn: 'id' }],
    ['an upper-case column', { table: 'case_notes', column: 'Body', idColumn: 'id' }],
    ['a schema-qualified table', { table: 'public.case_notes', column: 'body', idColumn: 'id' }],
    ['an empty id column', { table: 'case_notes', column: 'body', idColumn: '' }],
  ])('refuses %s, since the names are spliced into SQL', (_label, entry) => {
    expect(() => new EncryptedColumns([entry])).toThrow(/plain lower-case identifiers/);
  });

  it('refuses a column registered twice', () => {
    const notes = { table: 'case_notes', column: 'body', idColumn: 'id' };
    expect(() => new EncryptedColumns([notes, { ...notes }])).toThrow(/registered twice/);
  });
});
