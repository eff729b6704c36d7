// The walks over nested type descriptors (see canonical.columnType) shared by the
// footer checks, the skips and the readers: pairing a descriptor with the Parquet
// schema tree, visiting its leaves, and applying reader reductions recursively.

import { childTypes, isListLike, show } from './canonical.mjs';

/** Every node of a descriptor, parents first: fn(t, label path). */
export function forEachType(t, fn, path = '') {
  fn(t, path);
  for (const [label, c] of childTypes(t)) forEachType(c, fn, path ? `${path}.${label}` : label);
}

/** True when some node of t (t included) satisfies pred. */
export function someType(t, pred) {
  let found = false;
  forEachType(t, (n) => (found ||= pred(n)));
  return found;
}

/**
 * Pairs a manifest descriptor with a Parquet schema tree node (hyparquet's
 * parquetSchema form: { element, children, path }), following LogicalTypes.md:
 * a list is `group (LIST) { repeated group <list> { <element> } }` (a repeated
 * group with more than one child, or a repeated leaf, is itself the element,
 * the legacy two-level form), a map `group (MAP) { repeated group { key; value } }`,
 * a struct a plain group with its fields by name.
 * Returns { pairs: [{ t, node, path, leaf }], errors: [string] }.
 */
export function pairWithSchema(t, node) {
  const pairs = [];
  const errors = [];
  const walk = (t, node) => {
    const path = node.path.join('.');
    const kids = node.children;
    pairs.push({ t, node, path, leaf: kids.length === 0 });
    const fail = (why) => errors.push(`'${path}': manifest type ${t.kind}, but ${why}`);
    if (isListLike(t.kind)) {
      if (kids.length !== 1 || kids[0].element.repetition_type !== 'REPEATED') return fail('it is not a group with one repeated child');
      const rep = kids[0];
      const element = rep.children.length === 1 ? rep.children[0] : rep;
      if (element !== rep) pairs.push({ t: null, node: rep, path: rep.path.join('.'), leaf: false });
      return walk(t.item, element);
    }
    if (t.kind === 'map') {
      const kv = kids[0];
      if (kids.length !== 1 || kv.element.repetition_type !== 'REPEATED' || kv.children.length !== 2)
        return fail('it is not a group with one repeated group of two children');
      pairs.push({ t: null, node: kv, path: kv.path.join('.'), leaf: false });
      walk(t.key, kv.children[0]);
      return walk(t.value, kv.children[1]);
    }
    if (t.kind === 'struct') {
      if (kids.length === 0) return fail('it is a primitive column');
      const names = kids.map((k) => k.element.name);
      const want = t.fields.map((f) => f.name);
      if (names.join('\u0000') !== want.join('\u0000')) return fail(`its fields are [${names}], manifest has [${want}]`);
      t.fields.forEach((f, i) => walk(f, kids[i]));
      return;
    }
    if (kids.length) fail(`it is a group (${node.element.logical_type?.type ?? node.element.converted_type ?? 'struct'})`);
  };
  walk(t, node);
  return { pairs, errors };
}

/**
 * Applies reader reductions to an expected value. Each reduction has
 * `node(t)` (which descriptor nodes it applies to), `expected(v, t)` and
 * optionally `nulls` (also called for null values). Children are reduced first.
 */
export function reduceExpected(t, v, reductions) {
  if (!reductions.length) return v;
  if (v !== null) {
    if (isListLike(t.kind)) v = v.map((x) => reduceExpected(t.item, x, reductions));
    else if (t.kind === 'struct') v = Object.fromEntries(t.fields.map((f) => [f.name, reduceExpected(f, v[f.name], reductions)]));
    else if (t.kind === 'map') v = v.map(([k, x]) => [reduceExpected(t.key, k, reductions), reduceExpected(t.value, x, reductions)]);
  }
  for (const r of reductions) if ((v !== null || r.nulls) && r.node(t)) v = r.expected(v, t);
  return v;
}

/** Map pairs as a set: duplicate keys keep the last value, sorted by key (for readers that return maps as JS objects). */
export function unorderedMapPairs(pairs) {
  const byKey = new Map();
  for (const [k, v] of pairs) byKey.set(show(k), [k, v]);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}
