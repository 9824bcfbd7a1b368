import { assertTestDatabase, withDatabaseName } from './test-database-guard';

describe('test database guard', () => {
  it('accepts a database whose name says test', () => {
    expect(() => assertTestDatabase('postgres://u:p@localhost:5432/hotline962110_test')).not.toThrow();
  });

  it('refuses any other database, naming it', () => {
    expect(() => assertTestDatabase('postgres://u:p@localhost:5432/hotline962110')).toThrow(
      /"hotline962110"/,
    );
  });

  it('refuses a URL without a database', () => {
    expect(() => assertTestDatabase('postgres://u:p@localhost:5432/')).toThrow(/no database/);
  });

  it('swaps the database name and keeps the rest', () => {
    expect(withDatabaseName('postgres://u:p@h:1/a?sslmode=disable', 'b_test')).toBe(
      'postgres://u:p@h:1/b_test?sslmode=disable',
    );
  });
});
