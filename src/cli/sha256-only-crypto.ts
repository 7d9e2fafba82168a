// `node:crypto` as the bundled bins see it (scripts/bundle-bins.mjs substitutes this module for it in
// dist/cli/ecr-auth-cached.cjs and dist/cli/docker-credential-ecr-auth.cjs). A cached answer only hashes: the cache
// keys' file names and the Docker ledger's auth digest (tens of bytes each), and the config memo's digest (the code
// stamp, the path and the config text: 1.3 kB for a one-integration config, more with every integration). Loading
// node:crypto costs about 7 ms of CPU on Node 20 (an eighth of a bare Node start); SHA-256 in JavaScript costs about
// 0.13 ms per 64-byte block while it runs in the interpreter. So small inputs are hashed here and a large one loads
// node:crypto after all (measured: bench/RESULTS.md, section 1 steps). The digests are the same bytes (a test holds
// them to node:crypto's). Random bytes are only asked for by writes, which a cached answer never makes: refused.
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';

/** Above this many bytes a digest loads node:crypto: hashing more in the interpreter would cost more than loading it. */
export const JS_SHA256_MAX_BYTES = 2048;

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * SHA-256 (FIPS 180-4) of some bytes. Written for a cold start: the rotations inline and every value an int32 (no
 * call for V8 to optimize on a background thread, no heap numbers), since it runs a few times per process only.
 */
export function sha256(bytes: Uint8Array): Buffer {
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const data = new Uint8Array(blocks * 64);
  data.set(bytes);
  data[bytes.length] = 0x80;
  const view = new DataView(data.buffer);
  view.setUint32(data.length - 8, Math.floor(bytes.length / 0x20000000));
  view.setUint32(data.length - 4, (bytes.length * 8) >>> 0);
  const h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Int32Array(64);
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(block * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + k;
  }
  const out = Buffer.alloc(32);
  for (let i = 0; i < 8; i++) out.writeInt32BE(h[i]!, i * 4);
  return out;
}

/** The part of node:crypto's Hash the core uses: update (text or bytes), then digest once. */
export interface Sha256Hash {
  update(data: string | Uint8Array, encoding?: BufferEncoding): Sha256Hash;
  digest(): Buffer;
  digest(encoding: BufferEncoding): string;
}

/** node:crypto createHash, for 'sha256' only (any other algorithm throws: the full CLI has it). */
export function createHash(algorithm: string): Sha256Hash {
  if (algorithm !== 'sha256') throw new Error(`crypto.createHash(${algorithm}): the cached answer hashes with sha256 only (the full CLI has the rest)`);
  const parts: Buffer[] = [];
  let done = false;
  const hash = {
    update(data: string | Uint8Array, encoding?: BufferEncoding) {
      if (done) throw new Error('Digest already called');
      parts.push(typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      return hash;
    },
    digest(encoding?: BufferEncoding) {
      if (done) throw new Error('Digest already called');
      done = true;
      const bytes = Buffer.concat(parts);
      const digest = bytes.length <= JS_SHA256_MAX_BYTES ? sha256(bytes) : nodeCrypto().createHash('sha256').update(bytes).digest();
      return encoding === undefined ? digest : digest.toString(encoding);
    },
  } as Sha256Hash;
  return hash;
}

/** The real node:crypto, loaded on first need only (the bundler maps the import of node:crypto to this module). */
function nodeCrypto(): typeof import('node:crypto') {
  return createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
}

/** Random bytes name the temporary files of writes; a cached answer writes nothing. */
export function randomBytes(_size: number): never {
  throw new Error('crypto.randomBytes: a cached answer changes no file (the full CLI does it)');
}
