// Facts about each column as the file's own footer states them (parsed with
// hyparquet): they decide reader skips and are checked against the manifest's
// optional "parquet" expectations.

import { parquetSchema } from 'hyparquet';
import { ByteBuffer } from 'flatbuffers'; // apache-arrow's own dependency, for its generated readers below
import { Message } from 'apache-arrow/fb/message';
import { Schema as FbSchema } from 'apache-arrow/fb/schema';
import { pairWithSchema } from './nested.mjs';

/** Schema.fbs Type union codes of the list views. */
export const FB_LIST_VIEW = 25;
export const FB_LARGE_LIST_VIEW = 26;

/**
 * The ARROW:schema key's top-level fields: Map name -> Set of the Schema.fbs type
 * codes in the field's subtree (null without the key). Only what no reader
 * reports is taken from it: which Arrow types the writer declared.
 */
export function arrowSchemaTypes(metadata) {
  const kv = metadata.key_value_metadata?.find((k) => k.key === 'ARROW:schema');
  if (!kv) return null;
  const raw = Buffer.from(Buffer.from(kv.value).toString('latin1'), 'base64');
  // An IPC message: optional 0xFFFFFFFF continuation, int32 length, flatbuffer.
  const start = raw.readInt32LE(0) === -1 ? 8 : 4;
  const schema = Message.getRootAsMessage(new ByteBuffer(new Uint8Array(raw.subarray(start)))).header(new FbSchema());
  const out = new Map();
  const collect = (field, set) => {
    set.add(field.typeType());
    for (let i = 0; i < field.childrenLength(); i++) collect(field.children(i), set);
    return set;
  };
  for (let i = 0; i < schema.fieldsLength(); i++) out.set(schema.fields(i).name(), collect(schema.fields(i), new Set()));
  return out;
}

/** True when the column's ARROW:schema field declares a list view somewhere. */
export const declaresListView = (f) => Boolean(f?.arrowTypes?.has(FB_LIST_VIEW) || f?.arrowTypes?.has(FB_LARGE_LIST_VIEW));

/** A Parquet logical type as one string: "INTEGER(8,true)", "TIMESTAMP(MICROS,true)", "DECIMAL(9,2)", "LIST", "NONE"... */
export function logicalString(el) {
  const lt = el.logical_type;
  if (lt) {
    switch (lt.type) {
      case 'INTEGER': return `INTEGER(${lt.bitWidth},${lt.isSigned})`;
      case 'DECIMAL': return `DECIMAL(${lt.precision},${lt.scale})`;
      case 'TIME': case 'TIMESTAMP': return `${lt.type}(${lt.unit},${lt.isAdjustedToUTC})`;
      case 'NULL': return 'UNKNOWN'; // the thrift name of the always-null logical type
      default: return lt.type;
    }
  }
  // Legacy annotations without a logical type (INTERVAL has no logical type).
  if (el.converted_type) return el.converted_type === 'DECIMAL' ? `DECIMAL(${el.precision},${el.scale})` : el.converted_type;
  return 'NONE';
}

function nodeFacts(node, encodingsByPath) {
  const el = node.element;
  const path = node.path.join('.');
  let encodings = encodingsByPath.get(path);
  if (!encodings) {
    // A group: the union of the encodings of the leaves below it.
    encodings = new Set();
    for (const [p, e] of encodingsByPath) if (p.startsWith(`${path}.`)) for (const x of e) encodings.add(x);
  }
  return {
    element: el,
    node,
    path,
    physical: el.type ?? null,
    typeLength: el.type_length ?? null,
    repetition: el.repetition_type,
    logical: logicalString(el),
    encodings,
  };
}

/**
 * Map top-level column name -> facts { element, node (schema tree), path, physical
 * (null for groups), typeLength, repetition, logical, encodings:Set, nodes,
 * arrowTypes (see arrowSchemaTypes) }, where
 * `nodes` maps every dotted schema path under the column (itself included) to the
 * same kind of facts. Encodings are per leaf; a group has its leaves' union.
 */
export function columnFacts(metadata) {
  const encodingsByPath = new Map();
  for (const rg of metadata.row_groups) {
    for (const cc of rg.columns) {
      const md = cc.meta_data;
      if (!md) continue;
      const p = md.path_in_schema.join('.');
      if (!encodingsByPath.has(p)) encodingsByPath.set(p, new Set());
      for (const e of md.encodings ?? []) encodingsByPath.get(p).add(e);
    }
  }
  const facts = new Map();
  let arrowTypes = null;
  try {
    arrowTypes = arrowSchemaTypes(metadata);
  } catch {
    arrowTypes = null; // an unreadable ARROW:schema is arrow-rs's to report
  }
  for (const top of parquetSchema(metadata).children) {
    const nodes = new Map();
    const visit = (n) => {
      nodes.set(n.path.join('.'), nodeFacts(n, encodingsByPath));
      n.children.forEach(visit);
    };
    visit(top);
    const f = nodes.get(top.path.join('.'));
    f.nodes = nodes;
    f.arrowTypes = arrowTypes?.get(top.element.name) ?? null;
    facts.set(top.element.name, f);
  }
  return facts;
}

/**
 * Pairs a column's descriptor with its schema subtree once (cached on f):
 * [{ t, f, path, leaf }] plus structural errors. A flat column is its own leaf.
 */
export function columnPairs(t, f) {
  if (!f.pairsFor || f.pairsFor !== t) {
    const { pairs, errors } = pairWithSchema(t, f.node);
    f.pairs = pairs.map((p) => ({ ...p, f: f.nodes.get(p.path) }));
    f.pairErrors = errors;
    f.pairsFor = t;
  }
  return f.pairs;
}

function checkFacts(p, f, where) {
  const errors = [];
  const want = (key, got) => {
    if (p[key] !== undefined && p[key] !== got) errors.push(`${where}parquet ${key}: manifest says ${JSON.stringify(p[key])}, file has ${JSON.stringify(got)}`);
  };
  want('physical', f.physical);
  want('type_length', f.typeLength);
  want('logical', f.logical);
  want('repetition', f.repetition);
  if (p.encoding !== undefined && !f.encodings.has(p.encoding) && f.encodings.size > 0)
    errors.push(`${where}parquet encoding: manifest says ${p.encoding}, column chunks use ${[...f.encodings].join(',')}`);
  return errors;
}

/**
 * Checks the manifest column's optional "parquet" object (and, for nested
 * columns, its "leaves" by dotted schema path) against the file, and the
 * nullability the descriptor's children state; returns error strings.
 */
export function checkParquetExpectations(col, f) {
  if (!f) return [`column '${col.name}' is not in the file's schema`];
  const pairs = columnPairs(col.t, f);
  const errors = [...f.pairErrors];
  const p = col.parquet ?? {};
  errors.push(...checkFacts(p, f, ''));
  for (const [path, lp] of Object.entries(p.leaves ?? {})) {
    const lf = f.nodes.get(path);
    if (!lf) errors.push(`parquet leaves: no schema node '${path}' (the column has ${[...f.nodes.keys()].join(', ')})`);
    else errors.push(...checkFacts(lp, lf, `'${path}': `));
  }
  // Children's nullability: an OPTIONAL node is nullable, a REQUIRED one is not.
  for (const { t, f: nf, path } of pairs.slice(1)) {
    if (t && t.nullable !== null && nf && (nf.repetition === 'OPTIONAL') !== t.nullable)
      errors.push(`'${path}': nullable ${t.nullable} but repetition ${nf.repetition}`);
  }
  return errors;
}
