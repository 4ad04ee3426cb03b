// The UPDATE that records a poll in vendor_state, built by Kysely once per shape and then reused
// with each poll's values. Nearly every poll writes it, and building and compiling the same
// statement per poll cost more than running it. Kysely still writes the SQL: each shape's first
// statement is built by the query builder with placeholders, so the SQL is what it would build.
import { sql, type CompiledQuery, type Kysely, type UpdateObject } from 'kysely';
import { dialectOf } from './db.js';
import type { Database, VendorStateTable } from './schema.js';

type StateColumn = Exclude<keyof VendorStateTable, 'slug'>;

/** One column of the write: set to a value, or computed from a value in the statement itself. */
export type ColumnWrite =
  | { column: StateColumn; set: unknown }
  /** `coalesce(column, value)`: a value already stored stays. */
  | { column: StateColumn; setIfNull: unknown }
  /** `case when push_received_at > pollStart then afterPush else otherwise end`. */
  | { column: 'next_poll_at'; pollStart: string; afterPush: string; otherwise: string };

/** Which row: the vendor's, and with `leaseOwner` only while that worker still holds its lease. */
export interface StateRow {
  slug: string;
  leaseOwner?: string;
}

/** Stands for the value at `index` of a write's flattened values while a shape is compiled. */
class Slot {
  constructor(readonly index: number) {}
}

interface Template {
  compiled: CompiledQuery;
  /** For each parameter of the statement, the index of the flattened value it takes. */
  slots: number[];
}

const templates = new Map<string, Template>();

/** The write's values in the order its shape lists them: columns, then slug, then lease owner. */
function flatValues(writes: readonly ColumnWrite[], row: StateRow): unknown[] {
  const values: unknown[] = [];
  for (const write of writes) {
    if ('set' in write) values.push(write.set);
    else if ('setIfNull' in write) values.push(write.setIfNull);
    else values.push(write.pollStart, write.afterPush, write.otherwise);
  }
  values.push(row.slug);
  if (row.leaseOwner !== undefined) values.push(row.leaseOwner);
  return values;
}

function shapeOf(db: Kysely<Database>, writes: readonly ColumnWrite[], row: StateRow): string {
  let shape = dialectOf(db);
  for (const write of writes) {
    const form = 'set' in write ? '=' : 'setIfNull' in write ? '?' : '~';
    shape += `|${write.column}${form}`;
  }
  return row.leaseOwner === undefined ? shape : `${shape}|leased`;
}

/** The changes as Kysely builds them, each value replaced by `valueAt` of its flattened index. */
function updateObject(
  writes: readonly ColumnWrite[],
  valueAt: (index: number) => unknown,
): UpdateObject<Database, 'vendor_state'> {
  const changes: Record<string, unknown> = {};
  let index = 0;
  for (const write of writes) {
    if ('set' in write) changes[write.column] = valueAt(index++);
    else if ('setIfNull' in write) {
      changes[write.column] = sql`coalesce(${sql.ref(write.column)}, ${valueAt(index++)})`;
    } else {
      const [pollStart, afterPush, otherwise] = [
        valueAt(index++),
        valueAt(index++),
        valueAt(index++),
      ];
      changes[write.column] =
        sql`case when push_received_at > ${pollStart} then ${afterPush} else ${otherwise} end`;
    }
  }
  return changes;
}

function compileTemplate(
  db: Kysely<Database>,
  writes: readonly ColumnWrite[],
  row: StateRow,
): Template {
  const slot = (index: number) => new Slot(index);
  const valueCount = flatValues(writes, row).length;
  const leased = row.leaseOwner !== undefined;
  let update = db
    .updateTable('vendor_state')
    .set(updateObject(writes, slot))
    .where('slug', '=', slot(valueCount - (leased ? 2 : 1)) as never);
  if (leased) update = update.where('lease_owner', '=', slot(valueCount - 1) as never);
  const compiled = update.compile();
  const slots = compiled.parameters.map((parameter) => {
    // Every value must reach the statement as a parameter, or the SQL would hold one poll's value.
    if (!(parameter instanceof Slot)) throw new Error('vendor_state write: a value was inlined');
    return parameter.index;
  });
  if (new Set(slots).size !== valueCount) {
    throw new Error('vendor_state write: not every value reached the statement');
  }
  return { compiled, slots };
}

/** Runs the write; resolves with the rows it updated (0 when the row or the lease is gone). */
export async function writeState(
  db: Kysely<Database>,
  writes: readonly ColumnWrite[],
  row: StateRow,
): Promise<number> {
  const shape = shapeOf(db, writes, row);
  let template = templates.get(shape);
  if (!template) {
    template = compileTemplate(db, writes, row);
    templates.set(shape, template);
  }
  const values = flatValues(writes, row);
  const parameters = template.slots.map((index) => values[index]);
  const result = await db.executeQuery({ ...template.compiled, parameters });
  return Number(result.numAffectedRows ?? 0);
}
