// LZ4 frame codec for Arrow IPC body buffers (apache-arrow ships none): frame
// decoding over LZ4 block decoding, and a greedy block encoder for writing
// LZ4_FRAME inputs. cli_inputs_arrow.mjs registers it with apache-arrow.

/** LZ4 frame format (magic, FLG/BD descriptor, blocks, end mark) over LZ4 block decoding. */
export function lz4FrameDecode(src) {
  let out = new Uint8Array(Math.max(64, src.length * 4));
  let o = 0;
  const need = (n) => {
    if (o + n <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, o + n));
    bigger.set(out.subarray(0, o));
    out = bigger;
  };
  const u32le = (p) => (src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24)) >>> 0;
  let p = 0;
  while (p < src.length) {
    if (u32le(p) !== 0x184d2204) throw new Error(`lz4 frame: bad magic at ${p}`);
    const flg = src[p + 4];
    p += 6 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0) + 1; // magic, FLG, BD, content size, dict id, HC
    for (;;) {
      const size = u32le(p);
      p += 4;
      if (size === 0) break;
      const len = size & 0x7fffffff;
      if (size & 0x80000000) {
        need(len);
        out.set(src.subarray(p, p + len), o);
        o += len;
      } else {
        const end = p + len;
        let q = p;
        for (;;) {
          const token = src[q++];
          let lit = token >> 4;
          if (lit === 15) for (let b = 255; b === 255; lit += b) b = src[q++];
          need(lit);
          out.set(src.subarray(q, q + lit), o);
          o += lit;
          q += lit;
          if (q >= end) break; // the last sequence has literals only
          const offset = src[q] | (src[q + 1] << 8);
          q += 2;
          let m = token & 15;
          if (m === 15) for (let b = 255; b === 255; m += b) b = src[q++];
          m += 4;
          need(m);
          for (let i = 0; i < m; i++, o++) out[o] = out[o - offset]; // may overlap itself
        }
      }
      p += len + (flg & 0x10 ? 4 : 0); // block checksum
    }
    if (flg & 0x04) p += 4; // content checksum
  }
  return out.slice(0, o);
}

/** xxHash32 of a few bytes (seed 0): the LZ4 frame descriptor's header checksum. */
function xxh32Small(bytes) {
  const P1 = 2654435761, P2 = 2246822519, P3 = 3266489917, P5 = 374761393;
  let h = (P5 + bytes.length) >>> 0;
  for (const b of bytes) h = Math.imul(((h + Math.imul(b, P5)) << 11) | ((h + Math.imul(b, P5)) >>> 21), P1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), P2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), P3) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Greedy LZ4 block compression (4-byte hash matches; the format's end rules: last 5 bytes literal). */
function lz4BlockEncode(src) {
  const out = [];
  const lengthBytes = (n) => {
    for (; n >= 255; n -= 255) out.push(255);
    out.push(n);
  };
  const sequence = (lit, offset, matchLen) => {
    out.push((Math.min(lit.length, 15) << 4) | (matchLen ? Math.min(matchLen - 4, 15) : 0));
    if (lit.length >= 15) lengthBytes(lit.length - 15);
    for (const b of lit) out.push(b);
    if (!matchLen) return;
    out.push(offset & 0xff, offset >> 8);
    if (matchLen - 4 >= 15) lengthBytes(matchLen - 19);
  };
  const table = new Int32Array(1 << 16).fill(-1);
  const n = src.length;
  let anchor = 0;
  for (let i = 0; i < n - 12;) {
    const word = src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
    const h = Math.imul(word, 2654435761) >>> 16;
    const ref = table[h];
    table[h] = i;
    if (ref >= 0 && i - ref <= 65535 && src[ref] === src[i] && src[ref + 1] === src[i + 1] && src[ref + 2] === src[i + 2] && src[ref + 3] === src[i + 3]) {
      let len = 4;
      while (i + len < n - 5 && src[ref + len] === src[i + len]) len++;
      sequence(src.subarray(anchor, i), i - ref, len);
      i += len;
      anchor = i;
    } else i++;
  }
  sequence(src.subarray(anchor), 0, 0);
  return Uint8Array.from(out);
}

/** LZ4 frame: independent 64 KiB blocks, no checksums; a block that does not shrink is stored raw. */
export function lz4FrameEncode(src) {
  const out = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, (xxh32Small([0x60, 0x40]) >>> 8) & 0xff];
  const u32 = (v) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
  for (let p = 0; p < src.length; p += 65536) {
    const raw = src.subarray(p, p + 65536);
    const packed = lz4BlockEncode(raw);
    const stored = packed.length < raw.length ? packed : raw;
    u32(stored === raw ? (raw.length | 0x80000000) >>> 0 : packed.length);
    for (const b of stored) out.push(b);
  }
  u32(0);
  return Uint8Array.from(out);
}
