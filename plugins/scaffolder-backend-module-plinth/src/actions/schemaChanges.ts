/**
 * Schema changes as PostgreSQL, from what a form asks for: names quoted as
 * identifiers, defaults as literals, types checked as type names, so that
 * nothing a user typed is spliced into SQL as code.
 */

/** A change to a database's schema, as the database action takes it. */
export type SchemaChange =
  | {
      op: 'add-column';
      table: string;
      column: string;
      type: string;
      nullable?: boolean;
      default?: string;
    }
  | { op: 'drop-column'; table: string; column: string }
  | { op: 'alter-column-type'; table: string; column: string; type: string }
  | { op: 'rename-column'; table: string; column: string; to: string }
  | { op: 'duplicate-table'; table: string; to: string; withData?: boolean }
  | { op: 'sql'; sql: string };

/** `"orders"`, `"public"."orders"`: each part quoted as an identifier. */
export function quoteName(name: string, field: string): string {
  const parts = name.split('.');
  if (
    parts.length > 2 ||
    parts.some(part => part.length === 0 || part.length > 63)
  ) {
    throw new Error(
      `${field} must be a name of 1 to 63 characters, or schema.name, not "${name}"`,
    );
  }
  return parts.map(part => `"${part.replace(/"/g, '""')}"`).join('.');
}

/** A type name such as `text`, `varchar(255)` or `numeric(10, 2)`. */
function typeName(type: string, field: string): string {
  const trimmed = type.trim();
  if (
    !/^[a-z][a-z0-9_ ]*(\(\s*\d+(\s*,\s*\d+)?\s*\))?(\[\])?$/i.test(trimmed)
  ) {
    throw new Error(
      `${field} must be a PostgreSQL type such as text, integer, varchar(255) or numeric(10, 2), not "${type}"`,
    );
  }
  return trimmed;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** One change as SQL, with what it does in words. */
export function schemaChangeSql(change: SchemaChange, index: number): string {
  const at = `changes[${index}]`;
  switch (change.op) {
    case 'add-column':
      return `ALTER TABLE ${quoteName(
        change.table,
        `${at}.table`,
      )} ADD COLUMN ${quoteName(change.column, `${at}.column`)} ${typeName(
        change.type,
        `${at}.type`,
      )}${change.nullable === false ? ' NOT NULL' : ''}${
        change.default !== undefined
          ? ` DEFAULT ${literal(change.default)}`
          : ''
      }`;
    case 'drop-column':
      return `ALTER TABLE ${quoteName(
        change.table,
        `${at}.table`,
      )} DROP COLUMN ${quoteName(change.column, `${at}.column`)}`;
    case 'alter-column-type': {
      const column = quoteName(change.column, `${at}.column`);
      const type = typeName(change.type, `${at}.type`);
      return `ALTER TABLE ${quoteName(
        change.table,
        `${at}.table`,
      )} ALTER COLUMN ${column} TYPE ${type} USING ${column}::${type}`;
    }
    case 'rename-column':
      return `ALTER TABLE ${quoteName(
        change.table,
        `${at}.table`,
      )} RENAME COLUMN ${quoteName(
        change.column,
        `${at}.column`,
      )} TO ${quoteName(change.to, `${at}.to`)}`;
    case 'duplicate-table': {
      const from = quoteName(change.table, `${at}.table`);
      const to = quoteName(change.to, `${at}.to`);
      return change.withData === false
        ? `CREATE TABLE ${to} (LIKE ${from} INCLUDING ALL)`
        : `CREATE TABLE ${to} (LIKE ${from} INCLUDING ALL);\nINSERT INTO ${to} SELECT * FROM ${from}`;
    }
    default:
      if (!change.sql.trim()) {
        throw new Error(`${at}.sql must hold at least one statement`);
      }
      return change.sql.trim().replace(/;\s*$/, '');
  }
}

/** The changes as one SQL text, a statement a line. */
export function schemaChangesSql(changes: SchemaChange[]): string {
  if (changes.length === 0) {
    throw new Error('changes must name at least one change');
  }
  return `${changes.map(schemaChangeSql).join(';\n')};`;
}
