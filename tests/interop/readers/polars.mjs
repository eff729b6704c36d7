// Polars (nodejs-polars, Rust polars-parquet) as an interop reader. Polars' own
// JS conversion is lossy (Int64 -> number, Datetime -> Date) and refuses Binary and
// Decimal, so the DataFrame is exported as Arrow IPC and its exact buffers read
// with apache-arrow JS.

import pl from 'nodejs-polars';
import * as arrow from 'apache-arrow';
import { checkFamilyType, describeArrowType, vectorValues } from './arrow_js.mjs';

export const name = 'polars';

export async function open() {}
export function close() {}

/** Type differences that are Polars behaviour, not writer errors (see README). */
export const DEVIATIONS = [
  {
    id: 'polars_date64',
    text: 'Polars has no date64: it reads it as Datetime(ms) (values compared as whole days)',
    when: (t, got) => t.kind === 'date64' && got.kind === 'timestamp' && got.tz === null,
  },
  {
    id: 'polars_map',
    text: 'Polars has no map type: it reads map<k, v> as large_list<struct<key: k, value: v>> (values compared as [key, value] pairs)',
    when: (t, got) =>
      t.kind === 'map' && (got.kind === 'large_list' || got.kind === 'list') && got.item.kind === 'struct' && got.item.fields.length === 2 &&
      { children: { kind: 'map', key: got.item.fields[0], value: got.item.fields[1] } },
  },
];

/** A MAP group with only the legacy converted type (see REDUCTIONS.polars_map_null_converted). */
const hasConvertedOnlyMap = (f) =>
  [...(f?.nodes?.values() ?? [])].some((n) => n.element.converted_type === 'MAP' && n.element.logical_type?.type !== 'MAP');

function readColumns(file, cols) {
  const df = pl.readParquet(file.path, { columns: cols.map((c) => c.name) });
  const table = arrow.tableFromIPC(df.writeIPCStream());
  const out = new Map();
  for (const c of cols) {
    const vec = table.getChild(c.name);
    if (!vec) {
      out.set(c.name, { error: 'column missing from the result' });
      continue;
    }
    const got = describeArrowType(vec.type);
    const check = checkFamilyType(got, c.t, DEVIATIONS);
    const reduce = hasConvertedOnlyMap(file.facts?.get(c.name)) ? 'polars_map_null_converted' : undefined;
    out.set(c.name, { type: String(vec.type), error: check.error, tolerated: check.tolerated, reduce, values: vectorValues(vec, c.t) });
  }
  return out;
}

export async function read(file, cols) {
  if (cols.length === 0) return new Map();
  try {
    return readColumns(file, cols);
  } catch (e) {
    const out = new Map();
    for (const c of cols) {
      try {
        out.set(c.name, readColumns(file, [c]).get(c.name));
      } catch (e2) {
        out.set(c.name, { error: `read failed: ${e2.message.split('\n')[0]}` });
      }
    }
    return out;
  }
}
