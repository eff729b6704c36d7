// Nested columns for the self-test's reference files (make_reference.mjs):
// the column sets, canonical nested values -> apache-arrow JS data, the Parquet
// schema arrow-rs writes for them, and the list-view types patched into the
// ARROW:schema (apache-arrow 21.2 cannot build list views itself).

import * as arrow from 'apache-arrow';
import { ByteBuffer } from 'flatbuffers'; // apache-arrow's own dependency, for its generated readers below
import { Message } from 'apache-arrow/fb/message';
import { Schema as FbSchema } from 'apache-arrow/fb/schema';
import { formatDecimal, isBinary, isDecimal, isFloat, isInt, isListLike, isString } from './canonical.mjs';
import { FB_LARGE_LIST_VIEW, FB_LIST_VIEW } from './parquet_meta.mjs';

const c = (name, arrow_type, extra = {}) => ({ name, arrow_type, ...extra });
const t = (arrow_type, extra = {}) => ({ arrow_type, ...extra });
const list = (item, extra) => t('list', { item, ...extra });
const struct = (...fields) => t('struct', { fields });
const map = (key, value) => t('map', { key: { ...key, nullable: false }, value });

/** Nested columns of many shapes (nullable at every level unless `nullable: false`). */
export function nestedColumns() {
  return [
    c('n_list_i32', 'list', { item: t('int32') }),
    c('n_large_list_utf8', 'large_list', { item: t('utf8') }),
    c('n_fsl_f64', 'fixed_size_list', { list_size: 3, item: t('float64') }),
    c('n_fsl_req', 'fixed_size_list', { list_size: 2, item: t('int16', { nullable: false }) }),
    c('n_struct', 'struct', {
      fields: [
        { name: 'a', ...t('int64') }, { name: 'b', ...t('utf8', { nullable: false }) }, { name: 'c', ...t('decimal128', { precision: 9, scale: 2 }) },
        { name: 'ts', ...t('timestamp', { unit: 'ns', tz: 'UTC' }) }, { name: 'tsec', ...t('timestamp', { unit: 's', tz: null }) },
      ],
    }),
    c('n_map', 'map', { key: t('utf8', { nullable: false }), value: t('int32') }),
    c('n_map_struct', 'map', { key: t('int64', { nullable: false }), value: struct({ name: 'x', ...t('float32') }, { name: 'y', ...list(t('bool')) }) }),
    c('n_list_struct', 'list', { item: struct({ name: 'p', ...t('int16') }, { name: 'q', ...list(t('date32')) }) }),
    c('n_struct_list', 'struct', {
      fields: [{ name: 'l', ...list(t('binary')) }, { name: 's', ...struct({ name: 'z', ...t('uint8') }) }, { name: 'f', ...t('fixed_size_binary', { byte_width: 3 }) }],
    }),
    c('n_list_map', 'list', { item: map(t('utf8'), t('utf8')) }),
    c('n_list_list', 'list', { item: list(t('int32'), { nullable: false }) }),
    c('n_map_binary_key', 'map', { key: t('binary', { nullable: false }), value: t('time64', { unit: 'us' }) }),
  ];
}

/** Columns whose leaves are all integers (for a file with DELTA_BINARY_PACKED everywhere). */
export function nestedIntColumns() {
  return [
    c('n_list_i64', 'list', { item: t('int64') }),
    c('n_struct_ints', 'struct', { fields: [{ name: 'a', ...t('int32') }, { name: 'b', ...list(t('uint32')) }] }),
    c('n_map_ints', 'map', { key: t('int32', { nullable: false }), value: t('int64') }),
    c('n_list_list_i32', 'list', { item: list(t('int32')) }),
  ];
}

/** Columns whose leaves are fixed-width numbers (for BYTE_STREAM_SPLIT everywhere). */
export function nestedNumericColumns() {
  return [
    c('n_list_f32', 'list', { item: t('float32') }),
    c('n_struct_num', 'struct', { fields: [{ name: 'd', ...t('float64') }, { name: 'i', ...t('int32') }] }),
    c('n_fsl_f64', 'fixed_size_list', { list_size: 2, item: t('float64') }),
  ];
}

export function listViewColumns() {
  return [
    c('n_list_view', 'list_view', { item: t('int32') }),
    c('n_large_list_view', 'large_list_view', { item: t('utf8') }),
    c('n_struct_lv', 'struct', { fields: [{ name: 'v', ...t('list_view', { item: t('int64') }) }] }),
  ];
}

/** A column (or descriptor) with every level non-nullable. */
export function required(d) {
  const out = { ...d, nullable: false };
  if (d.item) out.item = required(d.item);
  if (d.fields) out.fields = d.fields.map(required);
  if (d.key) out.key = required(d.key);
  if (d.value) out.value = required(d.value);
  return out;
}

// ---- canonical nested values -> apache-arrow JS --------------------------

/** A valid stand-in value for a non-nullable child under a null parent (the writer ignores it). */
function placeholder(d) {
  if (isListLike(d.kind)) return d.kind === 'fixed_size_list' ? Array.from({ length: d.listSize }, () => placeholder(d.item)) : [];
  if (d.kind === 'struct') return Object.fromEntries(d.fields.map((f) => [f.name, placeholder(f)]));
  if (d.kind === 'map') return [];
  if (isInt(d.kind)) return '0';
  if (isFloat(d.kind) || d.kind.startsWith('date')) return 0;
  if (isString(d.kind)) return '';
  if (d.kind === 'fixed_size_binary') return '00'.repeat(d.byteWidth);
  if (isBinary(d.kind)) return '';
  if (isDecimal(d.kind)) return formatDecimal(0n, d.scale);
  if (d.kind === 'bool') return false;
  if (d.kind.startsWith('interval_')) return { months: 0, days: 0, millis: 0 };
  return d.kind === 'null' ? null : '0';
}

const childUnderNull = (d) => (d.nullable === false ? placeholder(d) : null);

function validity(values) {
  if (!values.some((v) => v === null)) return undefined;
  const a = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => v !== null && (a[i >> 3] |= 1 << (i & 7)));
  return a;
}

function one(data) {
  if (Array.isArray(data)) throw new Error('child data in more than one chunk');
  return data;
}

function offsets(lengths, large) {
  const o = large ? new BigInt64Array(lengths.length + 1) : new Int32Array(lengths.length + 1);
  lengths.forEach((n, i) => (o[i + 1] = large ? o[i] + BigInt(n) : o[i] + n));
  return o;
}

/** Canonical values of nested type d -> one apache-arrow Data of `type`; toArrow converts children. */
export function nestedToArrow(d, values, type, toArrow) {
  const length = values.length;
  const nullBitmap = validity(values);
  const childType = (i) => type.children[i].type;
  if (d.kind === 'fixed_size_list') {
    const items = values.flatMap((v) => v ?? Array.from({ length: d.listSize }, () => childUnderNull(d.item)));
    return arrow.makeData({ type, length, nullBitmap, child: one(toArrow(d.item, items, childType(0))) });
  }
  if (isListLike(d.kind)) {
    const items = values.flatMap((v) => v ?? []);
    const valueOffsets = offsets(values.map((v) => v?.length ?? 0), type.typeId === arrow.Type.LargeList);
    return arrow.makeData({ type, length, nullBitmap, valueOffsets, child: one(toArrow(d.item, items, childType(0))) });
  }
  if (d.kind === 'struct') {
    const children = d.fields.map((f, i) => one(toArrow(f, values.map((v) => (v === null ? childUnderNull(f) : v[f.name])), childType(i))));
    return arrow.makeData({ type, length, nullBitmap, children });
  }
  // map: offsets over a struct<key, value> child
  const pairs = values.flatMap((v) => v ?? []);
  const entriesType = childType(0);
  const keys = one(toArrow(d.key, pairs.map((p) => p[0]), entriesType.children[0].type));
  const vals = one(toArrow(d.value, pairs.map((p) => p[1]), entriesType.children[1].type));
  const child = arrow.makeData({ type: entriesType, length: pairs.length, children: [keys, vals] });
  return arrow.makeData({ type, length, nullBitmap, valueOffsets: offsets(values.map((v) => v?.length ?? 0), false), child });
}

// ---- the Parquet schema arrow-rs writes ------------------------------------

/**
 * The manifest "parquet" expectations of a nested column as arrow-rs writes it:
 * the group's repetition and annotation, and `leaves` by dotted path (list
 * `<c>.list.element`, map `<c>.entries.key|value` as apache-arrow names the
 * entries, struct `<c>.<field>`), each leaf's facts from leafParquet(t, nullable).
 */
export function nestedParquet(d, name, nullable, leafParquet, encodingOf) {
  const leaves = {};
  const group = (d, nullable) => ({ physical: null, repetition: nullable ? 'OPTIONAL' : 'REQUIRED', logical: isListLike(d.kind) ? 'LIST' : d.kind === 'map' ? 'MAP' : 'NONE' });
  const walk = (d, path, nullable) => {
    if (isListLike(d.kind)) {
      leaves[`${path}.list`] = { repetition: 'REPEATED' };
      return visit(d.item, `${path}.list.element`);
    }
    if (d.kind === 'map') {
      leaves[`${path}.entries`] = { repetition: 'REPEATED' };
      visit(d.key, `${path}.entries.key`);
      return visit(d.value, `${path}.entries.value`);
    }
    for (const f of d.fields) visit(f, `${path}.${f.name}`);
    return undefined;
  };
  const visit = (d, path) => {
    const n = d.nullable !== false;
    if (d.kind === 'struct' || d.kind === 'map' || isListLike(d.kind)) {
      leaves[path] = group(d, n);
      walk(d, path, n);
    } else {
      leaves[path] = leafParquet(d, n);
      const enc = encodingOf(d);
      if (enc) leaves[path].encoding = enc;
    }
  };
  walk(d, name, nullable);
  return { ...group(d, nullable), leaves };
}

// ---- list views in the ARROW:schema ----------------------------------------

/**
 * Rewrites, in an IPC schema message (8-byte prefix + flatbuffer), the type of
 * every field declared list_view / large_list_view from List / LargeList to the
 * view type: both are empty tables, so only the union's type byte changes.
 * `types` are the columns' descriptors in field order.
 */
export function patchListViews(message, types) {
  const body = message.subarray(8);
  const schema = Message.getRootAsMessage(new ByteBuffer(body)).header(new FbSchema());
  const patch = (field, d) => {
    const code = { list_view: FB_LIST_VIEW, large_list_view: FB_LARGE_LIST_VIEW }[d.kind];
    if (code) {
      const slot = field.bb.__offset(field.bb_pos, 8); // Field.type_type
      body[field.bb_pos + slot] = code;
    }
    if (isListLike(d.kind)) patch(field.children(0), d.item);
    else if (d.kind === 'struct') d.fields.forEach((f, i) => patch(field.children(i), f));
    else if (d.kind === 'map') {
      const entries = field.children(0);
      patch(entries.children(0), d.key);
      patch(entries.children(1), d.value);
    }
  };
  types.forEach((d, i) => patch(schema.fields(i), d));
  return message;
}

export const hasListView = (d) =>
  d.kind === 'list_view' || d.kind === 'large_list_view' || [d.item, d.key, d.value, ...(d.fields ?? [])].some((x) => x && hasListView(x));
