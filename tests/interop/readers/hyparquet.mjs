// hyparquet (pure JavaScript) as an interop reader. Its conversions are made
// exact: timestamp and date parsers return the raw counts, byte arrays stay bytes
// unless annotated STRING, and DECIMAL annotations are removed from the metadata
// it reads with, because it turns decimals into lossy JS numbers; the unscaled
// integers it then decodes are scaled here with the file's own scale.

//
// Nested columns come back assembled: lists as arrays, structs as objects,
// MAPs as JS objects keyed by the map keys (see mapConverter), nulls inside
// nested values as undefined.

import { parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { bigIntFromBE, formatDecimal, hex, isListLike, temporalCanonical } from '../canonical.mjs';
import { someType, unorderedMapPairs } from '../nested.mjs';

export const name = 'hyparquet';

export async function open() {}
export function close() {}

const raw = (x) => x;
const parsers = { timestampFromMilliseconds: raw, timestampFromMicroseconds: raw, timestampFromNanoseconds: raw, dateFromDays: raw };
const UNIT = { MILLIS: 'ms', MICROS: 'us', NANOS: 'ns' };

const isDecimalElement = (el) => el.converted_type === 'DECIMAL' || el.logical_type?.type === 'DECIMAL';

const UNKNOWN = { kind: 'unknown' }; // a child the manifest lacks: rendered, never matching
const nul = (c) => (v) => (v === null || v === undefined ? null : c(v));

/**
 * Canonical value of one non-null hyparquet value of schema tree node `node`
 * for manifest type t (nested recursively, the schema's shape as LogicalTypes.md
 * gives it; a shape the manifest does not expect is reported by the footer check).
 */
function converter(node, t) {
  const el = node.element;
  if (node.children.length === 0) return leafConverter(el, t);
  const kids = node.children;
  if (el.converted_type === 'LIST' || el.logical_type?.type === 'LIST' || isListLike(t.kind)) {
    const rep = kids[0];
    const element = rep.children.length === 1 ? rep.children[0] : rep;
    const item = nul(converter(element, t.item ?? UNKNOWN));
    return (v) => (Array.isArray(v) ? v.map(item) : `not an array: ${typeof v}`);
  }
  if (el.converted_type === 'MAP' || el.logical_type?.type === 'MAP' || t.kind === 'map') return mapConverter(kids[0], t);
  const fields = new Map(kids.map((k) => [k.element.name, nul(converter(k, t.fields?.find((f) => f.name === k.element.name) ?? UNKNOWN))]));
  return (v) => Object.fromEntries(Object.keys(v).map((name) => [name, (fields.get(name) ?? nul(String))(v[name])]));
}

/**
 * hyparquet builds a MAP as a JS object: each key becomes a property name
 * (String(key): "1,2,3" for bytes), so key order follows JS property order and a
 * repeated key keeps its last value. Keys are parsed back from the names; the
 * pairs come out key-sorted and the expected map is reduced the same way
 * (REDUCTIONS.hyparquet_map_object).
 */
function mapConverter(kv, t) {
  const [keyNode, valueNode] = kv.children;
  if (!keyNode || keyNode.children.length) return () => 'map keys that are not primitive';
  const kel = keyNode.element;
  const keyConv = leafConverter(kel, t.key ?? UNKNOWN);
  const isString = kel.logical_type?.type === 'STRING' || kel.converted_type === 'UTF8';
  const parse = (name) => {
    if (isString) return name;
    switch (kel.type) {
      case 'BOOLEAN': return name === 'true';
      case 'INT32': case 'INT64': return BigInt(name);
      case 'FLOAT': case 'DOUBLE': return Number(name);
    }
    if (kel.logical_type?.type === 'FLOAT16') return Number(name);
    return Uint8Array.from(name === '' ? [] : name.split(','), Number);
  };
  const value = nul(converter(valueNode, t.value ?? UNKNOWN));
  return (v) => unorderedMapPairs(Object.entries(v).map(([name, x]) => [keyConv(parse(name)), value(x)]));
}

/** Canonical value of one decoded hyparquet leaf value, from the leaf's Parquet schema element. */
function leafConverter(el, t) {
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
  const tops = file.facts ? null : new Map(parquetSchema(meta).children.map((n) => [n.element.name, n]));
  for (const c of cols) {
    const node = file.facts ? file.facts.get(c.name).node : tops.get(c.name);
    const el = node.element;
    const conv = converter(node, c.t);
    const reduce = someType(c.t, (n) => n.kind === 'map') ? 'hyparquet_map_object' : undefined;
    const values = new Array(Number(meta.num_rows)).fill(undefined);
    for (const ch of chunks.get(c.name)) {
      for (let i = 0; i < ch.columnData.length; i++) {
        const v = ch.columnData[i];
        values[ch.rowStart + i] = v === null || v === undefined ? null : conv(v);
      }
    }
    const type = [el.type ?? 'group', lt(el)].filter(Boolean).join(' ');
    out.set(c.name, { type, values, reduce });
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
