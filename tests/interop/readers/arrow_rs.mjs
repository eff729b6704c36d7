// arrow-rs (the Rust parquet crate, compiled to WebAssembly as parquet-wasm) as an
// interop reader. arrow-rs restores Arrow types from the ARROW:schema key, so the
// exact Arrow type of every column is checked, not just the values.
// WebAssembly memory is capped near 4 GiB: fine for the small files of the suite.

import * as pw from 'parquet-wasm';
import * as arrow from 'apache-arrow';
import { checkExactType, describeArrowType, vectorValues } from './arrow_js.mjs';
import { declaresListView } from '../parquet_meta.mjs';
import { someType } from '../nested.mjs';

export const name = 'arrow_rs';

export async function open() {}
export function close() {}

/** Type differences that are arrow-rs behaviour, not writer errors (see README). */
export const DEVIATIONS = [
  {
    id: 'parquet_wasm_view',
    text: 'parquet-wasm casts view types to Utf8/Binary when reading (for Arrow JS); utf8_view/binary_view read as utf8/binary',
    when: (t, got) =>
      (t.kind === 'utf8_view' && got.kind === 'utf8') || (t.kind === 'binary_view' && got.kind === 'binary'),
  },
  {
    id: 'arrow_rs_timestamp_s',
    text:
      'arrow-rs applies the ARROW:schema timestamp type only when its unit equals the Parquet unit, ' +
      'so timestamp[s] stored as TIMESTAMP(MILLIS) reads as timestamp[ms] (a zone becomes "UTC"); values compared in ms',
    when: (t, got) =>
      t.kind === 'timestamp' && t.unit === 's' && got.kind === 'timestamp' && got.unit === 'ms' &&
      (t.tz === null) === (got.tz === null) && t.dictionaryIndex === got.dictionaryIndex,
  },
  {
    id: 'parquet_wasm_list_view',
    text:
      'parquet-wasm 0.8 returns list_view / large_list_view columns as list / large_list although the ARROW:schema ' +
      'declares the view (tolerated only then); children and values compared as usual',
    when: (t, got) => (t.kind === 'list_view' && got.kind === 'list') || (t.kind === 'large_list_view' && got.kind === 'large_list'),
  },
  {
    id: 'arrow_rs_time32_s',
    text: 'arrow-rs ignores the ARROW:schema time32[s] type over TIME(MILLIS) data and reads time32[ms]; values compared in ms',
    when: (t, got) => t.kind === 'time32' && t.unit === 's' && got.kind === 'time32' && got.unit === 'ms' && t.dictionaryIndex === got.dictionaryIndex,
  },
];

function readColumns(file, cols) {
  const bytes = file.bytes;
  // The synchronous reader reads every column (its column option is ignored), but
  // unlike ParquetFile.read it reports decoding errors as exceptions instead of
  // panicking inside a promise callback, which would kill the process.
  const table = arrow.tableFromIPC(pw.readParquet(bytes).intoIPCStream());
  const out = new Map();
  for (const c of cols) {
    const vec = table.getChild(c.name);
    if (!vec) {
      out.set(c.name, { error: 'column missing from the result' });
      continue;
    }
    // A list read back as a list is the writer's doing when its ARROW:schema declared no view.
    const devs = declaresListView(file.facts?.get(c.name)) ? DEVIATIONS : DEVIATIONS.filter((d) => d.id !== 'parquet_wasm_list_view');
    const check = checkExactType(describeArrowType(vec.type), c.t, devs);
    if (check.error && devs !== DEVIATIONS && someType(c.t, (n) => n.kind === 'list_view' || n.kind === 'large_list_view'))
      check.error += ' (the ARROW:schema declares no list view for this column: the writer stored list / large_list there)';
    out.set(c.name, { type: String(vec.type), error: check.error, tolerated: check.tolerated, values: vectorValues(vec, c.t) });
  }
  return out;
}

export async function read(file, cols) {
  if (cols.length === 0) return new Map();
  try {
    return readColumns(file, cols);
  } catch (e) {
    // No projection to narrow it down: every column carries the file's error.
    const error = `read failed (whole file): ${String(e.message ?? e).split('\n')[0]}`;
    return new Map(cols.map((c) => [c.name, { error }]));
  }
}
