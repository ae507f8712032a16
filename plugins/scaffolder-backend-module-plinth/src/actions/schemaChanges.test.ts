import { schemaChangesSql } from './schemaChanges';

describe('schemaChangesSql', () => {
  it('writes each change as PostgreSQL, names quoted and defaults as literals', () => {
    expect(
      schemaChangesSql([
        {
          op: 'add-column',
          table: 'public.orders',
          column: 'coupon',
          type: 'varchar(32)',
          nullable: false,
          default: "it's free",
        },
        { op: 'drop-column', table: 'orders', column: 'legacy_flag' },
        {
          op: 'alter-column-type',
          table: 'orders',
          column: 'total',
          type: 'numeric(12, 2)',
        },
        { op: 'rename-column', table: 'orders', column: 'note', to: 'Notes' },
        { op: 'duplicate-table', table: 'orders', to: 'orders_backup' },
        { op: 'sql', sql: 'CREATE INDEX ON orders (coupon);' },
      ]),
    ).toBe(
      [
        `ALTER TABLE "public"."orders" ADD COLUMN "coupon" varchar(32) NOT NULL DEFAULT 'it''s free';`,
        `ALTER TABLE "orders" DROP COLUMN "legacy_flag";`,
        `ALTER TABLE "orders" ALTER COLUMN "total" TYPE numeric(12, 2) USING "total"::numeric(12, 2);`,
        `ALTER TABLE "orders" RENAME COLUMN "note" TO "Notes";`,
        `CREATE TABLE "orders_backup" (LIKE "orders" INCLUDING ALL);`,
        `INSERT INTO "orders_backup" SELECT * FROM "orders";`,
        'CREATE INDEX ON orders (coupon);',
      ].join('\n'),
    );
  });

  it('keeps what a user typed out of the SQL as code', () => {
    expect(
      schemaChangesSql([
        {
          op: 'drop-column',
          table: 'orders"; DROP TABLE users; --',
          column: 'x',
        },
      ]),
    ).toBe('ALTER TABLE "orders""; DROP TABLE users; --" DROP COLUMN "x";');
    expect(() =>
      schemaChangesSql([
        {
          op: 'add-column',
          table: 'orders',
          column: 'x',
          type: 'text; DROP TABLE users',
        },
      ]),
    ).toThrow(
      'changes[0].type must be a PostgreSQL type such as text, integer, varchar(255) or numeric(10, 2), not "text; DROP TABLE users"',
    );
    expect(() =>
      schemaChangesSql([{ op: 'drop-column', table: 'a.b.c', column: 'x' }]),
    ).toThrow(
      'changes[0].table must be a name of 1 to 63 characters, or schema.name, not "a.b.c"',
    );
    expect(() => schemaChangesSql([])).toThrow(
      'changes must name at least one change',
    );
  });
});
