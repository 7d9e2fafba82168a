// Prints the current TOTP code (RFC 6238: HMAC-SHA1, 30 s, 6 digits) of the base32 secret given as the argument:
// an `mfa_command` as a password manager would answer it. The secret is a test fixture's, not a real device's.
import { createHmac } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const bits = [...process.argv[2].replace(/=+$/, '').toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
const counter = Buffer.alloc(8);
counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
const hmac = createHmac('sha1', key).update(counter).digest();
const offset = hmac[hmac.length - 1] & 0xf;
process.stdout.write(`${String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')}\n`);
