// hyparquet (pure JavaScript) as an interop reader. Its conversions are made
// exact: timestamp and date parsers return the raw counts, byte arrays stay bytes
// unless annotated STRING, and DECIMAL annotations are removed from the metadata
// it reads with, because it turns decimals into lossy JS numbers; the unscaled
// integers it then decodes are scaled here with the file's own scale.

import { parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { bigIntFromBE, formatDecimal, hex, temporalCanonical } from '../canonical.mjs';

export const name = 'hyparquet';

export async function open() {}
export function close() {}

const raw = (x) => x;
const parsers = { timestampFromMilliseconds: raw, timestampFromMicroseconds: raw, timestampFromNanoseconds: raw, dateFromDays: raw };
const UNIT = { MILLIS: 'ms', MICROS: 'us', NANOS: 'ns' };

const isDecimalElement = (el) => el.converted_type === 'DECIMAL' || el.logical_type?.type === 'DECIMAL';

/** Canonical value of one decoded hyparquet value, from the column's Parquet schema element. */
function converter(el, t) {
  const lt = el.logical_type;
  const ct = el.converted_type;
  if (isDecimalElement(el)) {
    const scale = lt?.scale ?? el.scale ?? 0;
    return (v) => formatDecimal(v instanceof Uint8Array ? bigIntFromBE(v) : BigInt(v), scale);
  }
  if (lt?.type === 'DATE' || ct === 'DATE') return (v) => temporalCanonical(t, BigInt(v), 'd');
  if (lt?.type === 'TIME') return (v) => temporalCanonical(t, BigInt(v), UNIT[lt.unit]);
  if (ct === 'TIME_MILLIS') return (v) => temporalCanonical(t, BigInt(v), 'ms');
  if (ct === 'TIME_MICROS') return (v) => temporalCanonical(t, BigInt(v), 'us');
  if (lt?.type === 'TIMESTAMP') return (v) => temporalCanonical(t, BigInt(v), UNIT[lt.unit]);
  if (ct === 'TIMESTAMP_MILLIS') return (v) => temporalCanonical(t, BigInt(v), 'ms');
  if (ct === 'TIMESTAMP_MICROS') return (v) => temporalCanonical(t, BigInt(v), 'us');
  if (lt?.type === 'STRING' || ct === 'UTF8') return (v) => v;
  if (el.type === 'BYTE_ARRAY' || el.type === 'FIXED_LEN_BYTE_ARRAY') {
    if (lt?.type === 'FLOAT16') return (v) => v;
    return (v) => hex(v);
  }
  if (el.type === 'INT32' || el.type === 'INT64' || el.type === 'INT96') return (v) => String(v);
  return (v) => v; // BOOLEAN, FLOAT, DOUBLE
}

async function readColumns(file, cols) {
  const meta = file.metadata;
  const schema = meta.schema.map((el) => (isDecimalElement(el) ? { ...el, converted_type: undefined, logical_type: undefined } : el));
  const chunks = new Map(cols.map((c) => [c.name, []]));
  await parquetRead({
    file: file.arrayBuffer,
    metadata: { ...meta, schema },
    columns: cols.map((c) => c.name),
    compressors,
    parsers,
    utf8: false,
    onChunk: (ch) => chunks.get(ch.columnName)?.push(ch),
  });
  const out = new Map();
  for (const c of cols) {
    const el = meta.schema.find((e) => e.name === c.name);
    const conv = converter(el, c.t);
    const values = new Array(Number(meta.num_rows)).fill(undefined);
    for (const ch of chunks.get(c.name)) {
      for (let i = 0; i < ch.columnData.length; i++) {
        const v = ch.columnData[i];
        values[ch.rowStart + i] = v === null || v === undefined ? null : conv(v);
      }
    }
    const type = [el.type, lt(el)].filter(Boolean).join(' ');
    out.set(c.name, { type, values });
  }
  return out;
}

const lt = (el) => el.logical_type?.type ?? el.converted_type;

export async function read(file, cols) {
  if (cols.length === 0) return new Map();
  try {
    return await readColumns(file, cols);
  } catch (e) {
    const out = new Map();
    for (const c of cols) {
      try {
        out.set(c.name, (await readColumns(file, [c])).get(c.name));
      } catch (e2) {
        out.set(c.name, { error: `read failed: ${e2.message.split('\n')[0]}` });
      }
    }
    return out;
  }
}
