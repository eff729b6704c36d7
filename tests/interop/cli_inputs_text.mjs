// CSV, TSV and NDJSON inputs for cli_inputs.mjs, written by the script; the
// expected values are DuckDB's read_csv / read_json of the same files, in the
// types spillway infers (TEXT_TYPES, and spillwayTextType for nested NDJSON keys).

import fs from 'node:fs';
import path from 'node:path';
import { DuckDBTypeId as DuckId } from '@duckdb/node-api';
import { columnType, floatCanonical, isNested, typeString } from './canonical.mjs';
import { reduceExpected } from './nested.mjs';
import { converter as duckConverter } from './readers/duckdb.mjs';
import { CANONICAL_FLOATS, WORDS, edge, f64, f64Bits, nestedGroup, prng } from './cli_inputs_common.mjs';

// ---- CSV, TSV and NDJSON -------------------------------------------------------

// What DuckDB's read_csv / read_json infers for each kind of column and what
// spillway infers (arrow_type). Where they differ, the values still agree and
// the manifest takes spillway's type; every such pair is printed.
const TEXT_TYPES = {
  bool: { duckdb: 'BOOLEAN', arrow: { arrow_type: 'bool' } },
  int64: { duckdb: 'BIGINT', arrow: { arrow_type: 'int64' } },
  // read_json types a key holding negative and non-negative integers HUGEINT
  // (its JSON parser's signed and unsigned integers widen to HUGEINT).
  int64_json_signed: { duckdb: 'HUGEINT', arrow: { arrow_type: 'int64' }, differs: true },
  float64: { duckdb: 'DOUBLE', arrow: { arrow_type: 'float64' } },
  date32: { duckdb: 'DATE', arrow: { arrow_type: 'date32' } },
  time64: { duckdb: 'TIME', arrow: { arrow_type: 'time64', unit: 'us' } },
  timestamp: { duckdb: 'TIMESTAMP', arrow: { arrow_type: 'timestamp', unit: 'us', tz: null } },
  timestamp_utc: { duckdb: 'TIMESTAMP WITH TIME ZONE', arrow: { arrow_type: 'timestamp', unit: 'us', tz: 'UTC' } },
  // read_json reads "...Z" strings as TIMESTAMP (the UTC wall clock, same instants)
  timestamp_utc_json_z: { duckdb: 'TIMESTAMP', arrow: { arrow_type: 'timestamp', unit: 'us', tz: 'UTC' }, differs: true },
  utf8: { duckdb: 'VARCHAR', arrow: { arrow_type: 'utf8' } },
};

/** DuckDB value object -> canonical value of the manifest type. */
function duckValue(v, kind) {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bool': case 'utf8': return v;
    case 'float64': return floatCanonical(v);
    case 'int64': {
      if (BigInt(v) < -(2n ** 63n) || BigInt(v) >= 2n ** 63n) throw new Error(`${v} is outside int64`);
      return String(v);
    }
    case 'date32': return v.days;
    case 'time64': case 'timestamp': return String(v.micros);
  }
  throw new Error(`no DuckDB conversion to ${kind}`);
}

export async function duckdbColumns(con, file, sql, kinds, disagreements) {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  const duckTypes = reader.columnTypes();
  const types = duckTypes.map(String);
  const data = reader.getColumns();
  return names.map((name, i) => {
    const tt = typeof kinds[name] === 'string' ? TEXT_TYPES[kinds[name]] : kinds[name];
    if (types[i] !== tt.duckdb) throw new Error(`${file} column ${name}: DuckDB infers ${types[i]}, the generator expected ${tt.duckdb}`);
    if (!tt.arrow) return nestedTextColumn(`${file} :: ${name}`, name, duckTypes[i], data[i], tt.jsonText, disagreements);
    const col = { name, ...tt.arrow };
    if (tt.differs) disagreements.push(`${file} :: ${name}: DuckDB ${tt.duckdb}, spillway ${typeString(columnType(col))}`);
    col.values = data[i].map((v) => duckValue(v, col.arrow_type));
    return col;
  });
}

/**
 * spillway's NDJSON type for what DuckDB's read_json inferred (nested: LIST, STRUCT;
 * every level nullable); `differs` collects the leaves where the two disagree.
 */
function spillwayTextType(type, differs) {
  switch (type.typeId) {
    case DuckId.LIST: return { arrow_type: 'list', item: { ...spillwayTextType(type.valueType, differs), nullable: true } };
    case DuckId.STRUCT:
      return { arrow_type: 'struct', fields: type.entryNames.map((name, i) => ({ name, ...spillwayTextType(type.entryTypes[i], differs), nullable: true })) };
    case DuckId.HUGEINT:
      differs.push('HUGEINT');
      return TEXT_TYPES.int64_json_signed.arrow;
  }
  const flat = Object.values(TEXT_TYPES).find((x) => !x.differs && x.duckdb === type.toString());
  if (!flat) throw new Error(`no spillway NDJSON type for DuckDB ${type}`);
  return flat.arrow;
}

/** A column of the NDJSON input as DuckDB reads it: DuckDB's values in spillway's types (nested, or JSON text). */
function nestedTextColumn(what, name, type, data, jsonText, disagreements) {
  const differs = jsonText ? ['JSON text'] : [];
  const col = { name, ...spillwayTextType(type, differs), nullable: true };
  const t = columnType(col);
  if (isNested(t.kind)) col.parquet = nestedGroup(t.kind, true);
  if (differs.length) disagreements.push(`${what}: DuckDB ${type}${jsonText ? ' (JSON)' : ''}, spillway ${typeString(t)}`);
  const conv = duckConverter(type, t);
  col.values = data.map((v) => (v === null || v === undefined ? null : reduceExpected(t, conv(v), CANONICAL_FLOATS)));
  return col;
}

const selectSql = (kinds, from) => `SELECT ${Object.keys(kinds).map((n) => `"${n}"`).join(', ')} FROM ${from}`;
const csvField = (v, delim) => (v === null ? '' : /["\r\n]/.test(v) || v.includes(delim) ? `"${v.replaceAll('"', '""')}"` : v);
const isoDate = (days) => new Date(days * 86400000).toISOString().slice(0, 10);
const pad2 = (n) => String(n).padStart(2, '0');

/** Text renderings of random values; `k` indexes edge cases first. */
function textGen(r) {
  const frac = () => (r.chance(0.5) ? '' : `.${String(r.int(0, 999999)).padStart(6, '0').slice(0, r.int(1, 6))}`);
  const clock = () => `${pad2(r.int(0, 23))}:${pad2(r.int(0, 59))}:${pad2(r.int(0, 59))}`;
  const day = () => r.int(-719162, 2932896); // 0001-01-01 .. 9999-12-31
  const stamp = (sep) => `${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19).replace('T', sep)}${frac()}`;
  return {
    bool: () => r.pick(['true', 'false', 'TRUE', 'False', 't', 'f', 'yes', 'NO']),
    int: (k) => edge(k, ['-9223372036854775808', '9223372036854775807', '0', '-1']) ?? String(r.big(-(2n ** 63n), 2n ** 63n - 1n) >> BigInt(r.int(0, 62))),
    float: (k) => {
      const e = edge(k, ['-0.0', '.5', '5.', '1E5', '5e-324', '1.7976931348623157e308', '2.5e-7', '0.1']);
      if (e !== undefined) return e;
      if (r.chance(0.3)) return (r.int(-1e9, 1e9) / 1000).toString();
      f64Bits[0] = (BigInt(r.u32()) << 32n) | BigInt(r.u32());
      return Number.isFinite(f64[0]) ? (r.chance(0.5) ? f64[0].toString() : f64[0].toExponential()) : '1.25';
    },
    ratio: () => (r.chance(0.5) ? String(r.int(-1000, 1000)) : String(r.int(-100000, 100000) / 64)),
    date: (k) => {
      const d = edge(k, [0, -1, -719162, 2932896, 11016]) ?? day();
      const s = isoDate(d);
      return r.chance(0.1) ? s.replace(/-0(\d)/g, '-$1') : s; // 2024-1-2 as well
    },
    time: (k) => edge(k, ['00:00:00', '23:59:59.999999']) ?? `${clock()}${frac()}`,
    ts: (k) => edge(k, ['1970-01-01 00:00:00', '1969-12-31 23:59:59.999999']) ?? stamp(r.chance(0.2) ? 'T' : ' '),
    tsz: () => stamp(r.chance(0.5) ? 'T' : ' ') + r.pick(['Z', '+02:00', '-01:30', '+0530', '+05', '-11:00']),
    text: () => r.pick([...WORDS.slice(1), ' leading space', 'trailing space ', 'multi\r\nline', 'only "inner" quotes']) + (r.chance(0.3) ? String(r.u32()) : ''),
    code: () => String(r.int(0, 999)).padStart(3 + r.int(0, 2), '0'),
  };
}

/** Writes a delimited file; returns the column kinds (see TEXT_TYPES). */
function writeDelimited(file, rows, seed, { delim = ',', eol = '\n', finalEol = true, cols }) {
  const r = prng(seed);
  const g = textGen(r);
  const lines = [Object.keys(cols).join(delim)];
  for (let k = 0; k < rows; k++) {
    lines.push(Object.values(cols).map(([, gen, nulls = 0.08]) => csvField(gen === null || (k >= 8 && r.chance(nulls)) ? null : gen(g, k), delim)).join(delim));
  }
  fs.writeFileSync(file, lines.join(eol) + (finalEol ? eol : ''));
  return Object.fromEntries(Object.entries(cols).map(([n, [kind]]) => [n, kind]));
}

export function writeCsvs(dir) {
  const main = {
    id: ['int64', (g, k) => String(k), 0],
    flag: ['bool', (g) => g.bool()],
    qty: ['int64', (g, k) => g.int(k)],
    price: ['float64', (g, k) => g.float(k)],
    ratio: ['float64', (g) => g.ratio()],
    day: ['date32', (g, k) => g.date(k)],
    clock: ['time64', (g, k) => g.time(k)],
    at: ['timestamp', (g, k) => g.ts(k)],
    at_utc: ['timestamp_utc', (g) => g.tsz()],
    note: ['utf8', (g) => g.text(), 0.1],
    code: ['utf8', (g) => g.code()],
    nothing: ['utf8', null],
  };
  const crlf = {
    id: ['int64', (g, k) => String(k), 0],
    name: ['utf8', (g) => g.text()],
    amount: ['float64', (g, k) => g.float(k)],
    day: ['date32', (g, k) => g.date(k)],
    ok: ['bool', (g) => g.bool()],
  };
  const tsv = {
    n: ['int64', (g, k) => g.int(k)],
    label: ['utf8', (g) => g.code() + ' label ' + g.bool()],
    value: ['float64', (g, k) => g.float(k)],
    at: ['timestamp', (g, k) => g.ts(k)],
    day: ['date32', (g, k) => g.date(k)],
  };
  return [
    { name: 'main.csv', kinds: writeDelimited(path.join(dir, 'main.csv'), 1500, 31, { cols: main }) },
    { name: 'crlf.csv', kinds: writeDelimited(path.join(dir, 'crlf.csv'), 500, 32, { cols: crlf, eol: '\r\n', finalEol: false }) },
    { name: 'data.tsv', kinds: writeDelimited(path.join(dir, 'data.tsv'), 400, 33, { cols: tsv, delim: '\t' }) },
  ].map((x) => ({ ...x, source: 'csv', sql: selectSql(x.kinds, `read_csv('${path.join(dir, x.name)}')`) }));
}

/** JSON text of a string with escapes chosen at random (\uXXXX, surrogate pairs, short forms). */
function jsonString(s, r) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    const short = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '/': '\\/' }[ch];
    if (short && (ch !== '/' || r.chance(0.5))) out += short;
    else if (c < 0x20 || (c > 0x7e && r.chance(0.5))) {
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c];
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
    } else out += ch;
  }
  return `${out}"`;
}

const jws = (r) => (r.chance(0.2) ? ' ' : '');
/** JSON array text: null (10%), [] (10%) or 1..max items, each null with 10%. */
function jArr(r, max, item) {
  if (r.chance(0.1)) return 'null';
  const n = r.chance(0.1) ? 0 : r.int(1, max);
  return `[${jws(r)}${Array.from({ length: n }, () => (r.chance(0.1) ? 'null' : item())).join(`,${jws(r)}`)}${jws(r)}]`;
}
/**
 * JSON object text: null (8%), or members in random order, each missing (10%) or
 * null (10%); `full`: every member present, in order (fixes the first-seen field order).
 */
function jObj(r, full, members) {
  if (!full && r.chance(0.08)) return 'null';
  let m = members.map(([key, gen]) => [key, full || !r.chance(0.1) ? (!full && r.chance(0.1) ? 'null' : gen()) : undefined]);
  if (!full) m = m.map((x) => [r.u32(), x]).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
  return `{${m.filter(([, v]) => v !== undefined).map(([key, v]) => `${JSON.stringify(key)}:${jws(r)}${v}`).join(`,${jws(r)}`)}}`;
}
const jsonFloat = (r) => r.pick(['-0.0', '0.5', '1e300', '5e-324', '-2.5E-7', null, null, null, null]) ?? `${r.int(-99999, 99999)}.${r.int(0, 999)}e${r.int(-20, 20)}`;

export function writeNdjson(dir) {
  const specs = [
    ['data.ndjson', 1200, 41, {
      id: ['int64', (g, k) => String(k), 0],
      n: ['int64_json_signed', (g, k) => g.int(k)],
      x: ['float64', (g, k) => (k % 3 ? g.float(k + 8) : String(k))],
      ok: ['bool', (g, k, r) => String(r.chance(0.5))],
      s: ['utf8', (g, k, r) => jsonString(g.text() + r.pick(['/slash', '\u0001ctl', '', 'Ω']), r)],
      day: ['date32', (g, k, r) => `"${isoDate(r.int(-719162, 2932896))}"`],
      at: ['timestamp', (g, k, r) => `"${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19).replace('T', ' ')}"`],
      at_z: ['timestamp_utc_json_z', (g, k, r) => `"${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19)}Z"`],
      clock: ['time64', (g, k, r) => `"${pad2(r.int(0, 23))}:${pad2(r.int(0, 59))}:${pad2(r.int(0, 59))}"`],
      opt: ['utf8', (g, k, r) => (r.chance(0.5) ? undefined : jsonString(g.code(), r)), 0.2],
      late: ['float64', (g, k, r) => (k < 700 ? undefined : `${r.int(-1000, 1000)}.${r.int(0, 9)}e${r.int(-5, 5)}`)],
      allnull: ['utf8', () => 'null', 0],
    }],
    ['nested.ndjson', 900, 43, {
      id: ['int64', (g, k) => String(k), 0],
      tags: [{ duckdb: 'VARCHAR[]' }, (g, k, r) => jArr(r, 4, () => jsonString(g.text(), r))],
      nums: [{ duckdb: 'BIGINT[]' }, (g, k, r) => jArr(r, 5, () => String(r.big(0n, 2n ** 63n - 1n) >> BigInt(r.int(0, 62))))],
      vals: [{ duckdb: 'DOUBLE[]' }, (g, k, r) => jArr(r, 4, () => jsonFloat(r))],
      point: [{ duckdb: 'STRUCT("x" BIGINT, "y" DOUBLE, "label" VARCHAR, "ok" BOOLEAN, "extra" BOOLEAN)' }, (g, k, r) =>
        jObj(r, k === 0, [['x', () => String(r.int(0, 1e6))], ['y', () => jsonFloat(r)], ['label', () => jsonString(g.text(), r)], ['ok', () => String(r.chance(0.5))],
          ['extra', () => (k < 300 ? undefined : String(r.chance(0.5)))]])],
      attrs: [{ duckdb: 'STRUCT("name" VARCHAR, "day" DATE, "tags" VARCHAR[], "inner" STRUCT("a" BIGINT, "b" BIGINT[]))' }, (g, k, r) =>
        jObj(r, k === 0, [['name', () => jsonString(g.code(), r)], ['day', () => `"${isoDate(r.int(-719162, 2932896))}"`],
          ['tags', () => jArr(r, 3, () => jsonString(r.pick(WORDS), r))],
          ['inner', () => jObj(r, k === 0, [['a', () => String(r.int(0, 2 ** 40))], ['b', () => jArr(r, 3, () => String(r.int(0, 999)))]])]])],
      events: [{ duckdb: 'STRUCT("t" BIGINT, "kind" VARCHAR, "at" TIMESTAMP)[]' }, (g, k, r) =>
        jArr(r, 3, () => jObj(r, k === 0, [['t', () => String(r.int(0, 2 ** 31))], ['kind', () => jsonString(r.pick(['start', 'stop', 'Ünïcödé', 'tab\there']), r)],
          ['at', () => `"${new Date(r.int(-8520336000, 9151488000) * 1000).toISOString().slice(0, 19).replace('T', ' ')}"`]]))],
      matrix: [{ duckdb: 'HUGEINT[][]' }, (g, k, r) => jArr(r, 3, () => jArr(r, 3, () => String(r.int(-1e9, 1e9))))],
      // objects, arrays and numbers under one key: utf8 holding the JSON text (DuckDB: its JSON type)
      mixed: [{ duckdb: 'VARCHAR', jsonText: true }, (g, k, r) => {
        const pick = k < 3 ? k : r.int(0, 2);
        if (pick === 0) return jObj(r, true, [['a', () => String(r.int(0, 99))], ['b', () => jArr(r, 2, () => String(r.int(0, 9)))]]);
        return pick === 1 ? jArr(r, 3, () => String(r.int(-99, 99))) : String(r.int(-1000, 1000));
      }],
    }],
    ['data2.jsonl', 300, 42, {
      big: ['int64', (g, k, r) => String(r.big(0n, 2n ** 63n - 1n))],
      e: ['float64', (g, k, r) => `${r.int(1, 9)}.${r.int(0, 99)}E${r.pick(['+', '-', ''])}${r.int(0, 300)}`],
      numstr: ['utf8', (g, k, r) => `"${r.int(0, 99)}"`],
      b: ['bool', (g, k, r) => String(r.chance(0.5))],
    }],
  ];
  return specs.map(([name, rows, seed, cols]) => {
    const r = prng(seed);
    const g = textGen(r);
    const lines = [];
    for (let k = 0; k < rows; k++) {
      const members = [];
      for (const [key, [, gen, nulls = 0.08]] of Object.entries(cols)) {
        const v = k >= 8 && r.chance(nulls) ? 'null' : gen(g, k, r);
        if (v !== undefined) members.push(`${JSON.stringify(key)}:${r.chance(0.2) ? ' ' : ''}${v}`);
      }
      for (let i = members.length - 1; i > 0; i--) {
        const j = r.int(0, i); // key order differs line by line
        [members[i], members[j]] = [members[j], members[i]];
      }
      lines.push(`{${members.join(r.chance(0.2) ? ', ' : ',')}}`);
    }
    fs.writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
    const kinds = Object.fromEntries(Object.entries(cols).map(([n, [kind]]) => [n, kind]));
    return { name, kinds, source: 'ndjson', sql: selectSql(kinds, `read_json('${path.join(dir, name)}', format='newline_delimited')`) };
  });
}
