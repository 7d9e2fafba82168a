// Scanning output for secrets: every secret an emulator ever issued (SSO access and refresh tokens, client
// secrets, device codes, secret keys, session tokens, ECR passwords, the GitHub request token), the base64
// `AWS:<password>` form Docker keeps, and slices of long secrets (a truncated or wrapped print still counts).
// Findings are named by kind and index, never by the secret itself, so a failing test does not print it either.
import { Buffer } from 'node:buffer';
import type { Emulator } from '../../emulator/index.ts';

export interface Needle {
  /** e.g. "ECR password #2 (base64 AWS:<password>)": safe to print. */
  label: string;
  text: string;
}

function kindOf(secret: string, ecrPasswords: ReadonlySet<string>): string {
  if (ecrPasswords.has(secret)) return 'ECR password';
  if (secret.startsWith('aoa')) return 'SSO access token';
  if (secret.startsWith('aor')) return 'SSO refresh token';
  if (secret.startsWith('IQoJ')) return 'session token';
  if (secret.startsWith('PHNhbWwycDpSZXNwb25zZ')) return 'SAML assertion';
  if (secret.length === 40) return 'secret access key';
  return 'secret';
}

/** Every form of every secret the emulators issued that must not show up where it does not belong. */
export function secretNeedles(emulators: readonly Emulator[]): Needle[] {
  const needles: Needle[] = [];
  emulators.forEach((emulator, e) => {
    const ecr = new Set(emulator.ecrPasswords().map((record) => record.password));
    emulator.secrets().forEach((secret, i) => {
      const label = `${kindOf(secret, ecr)} #${e}.${i}`;
      const forms: Array<[string, string]> = [[label, secret]];
      if (ecr.has(secret)) forms.push([`${label} (base64 AWS:<password>)`, Buffer.from(`AWS:${secret}`).toString('base64')]);
      for (const [name, text] of [...forms]) {
        // random parts of long secrets: past any fixed prefix (session tokens, ECR envelopes), and the tail
        if (text.length >= 64) forms.push([`${name} [slice]`, text.slice(24, 56)], [`${name} [tail]`, text.slice(-32)]);
      }
      for (const [name, text] of forms) if (text.length >= 16) needles.push({ label: name, text });
    });
  });
  return needles;
}

/** The labels of the needles found in `text`. */
export function findLeaks(text: string, needles: readonly Needle[]): string[] {
  return needles.filter((needle) => text.includes(needle.text)).map((needle) => needle.label);
}

/** `text` with every occurrence of each permitted value cut out (the narrow places a secret is the output). */
export function withoutPermitted(text: string, permitted: readonly string[]): string {
  return [...permitted].sort((a, b) => b.length - a.length).reduce((rest, value) => (value ? rest.split(value).join('<permitted>') : rest), text);
}

/** True when `text` holds one of the MFA codes as a number of its own (6 digits, not part of a longer number). */
export function containsMfaCode(text: string, codes: readonly string[]): boolean {
  return codes.some((code) => new RegExp(`(?<!\\d)${code}(?!\\d)`).test(text));
}
