// Facts about each column as the file's own footer states them (parsed with
// hyparquet): they decide reader skips and are checked against the manifest's
// optional "parquet" expectations.

/** A Parquet logical type as one string: "INTEGER(8,true)", "TIMESTAMP(MICROS,true)", "DECIMAL(9,2)", "NONE"... */
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

/** Map column name -> { element, physical, typeLength, repetition, logical, encodings:Set } (flat schemas). */
export function columnFacts(metadata) {
  const facts = new Map();
  metadata.schema.slice(1).forEach((el, i) => {
    const encodings = new Set();
    for (const rg of metadata.row_groups) for (const e of rg.columns[i]?.meta_data?.encodings ?? []) encodings.add(e);
    facts.set(el.name, {
      element: el,
      physical: el.type,
      typeLength: el.type_length ?? null,
      repetition: el.repetition_type,
      logical: logicalString(el),
      encodings,
      index: i,
    });
  });
  return facts;
}

/** Checks the manifest column's optional "parquet" object against the file; returns error strings. */
export function checkParquetExpectations(col, f) {
  const p = col.parquet;
  const errors = [];
  if (!f) return [`column '${col.name}' is not in the file's schema`];
  if (!p) return errors;
  const want = (key, got) => {
    if (p[key] !== undefined && p[key] !== got) errors.push(`parquet ${key}: manifest says ${JSON.stringify(p[key])}, file has ${JSON.stringify(got)}`);
  };
  want('physical', f.physical);
  want('type_length', f.typeLength);
  want('logical', f.logical);
  want('repetition', f.repetition);
  if (p.encoding !== undefined && !f.encodings.has(p.encoding) && f.encodings.size > 0)
    errors.push(`parquet encoding: manifest says ${p.encoding}, column chunks use ${[...f.encodings].join(',')}`);
  return errors;
}
