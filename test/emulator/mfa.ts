// Virtual MFA devices of IAM users, GetSessionToken (signed by a user's long-lived keys, optionally with a device
// code) and the MFA check AssumeRole makes with SerialNumber/TokenCode. A code is valid in its 30-second step and the
// steps either side, and only once per device (as AWS refuses a reused code).
import type { Caller } from './caller.ts';
import type { EmulatorState } from './state.ts';
import { credentialsXml } from './sts.ts';
import { totpAt, totpStep } from './totp.ts';
import type { MfaDevice } from './types.ts';
import { queryError, queryResult } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** The error AWS answers for a wrong or reused code. */
export const MFA_FAILED = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

/** The devices and the codes already used on each. */
export class MfaDevices {
  readonly #devices = new Map<string, MfaDevice>();
  readonly #used = new Map<string, Set<string>>();

  constructor(devices: readonly MfaDevice[]) {
    for (const device of devices) this.#devices.set(device.serial, { ...device });
  }

  get(serial: string): MfaDevice | undefined {
    return this.#devices.get(serial);
  }

  /** Checks a code of `serial` for the user `userArn` at `now`; a valid code is used up. */
  check(serial: string, code: string, userArn: string, now: number): 'ok' | 'no-device' | 'invalid' {
    const device = this.#devices.get(serial);
    if (!device || device.userArn !== userArn) return 'no-device';
    const step = totpStep(now);
    const used = this.#used.get(serial) ?? new Set<string>();
    for (const s of [step, step - 1, step + 1]) {
      if (totpAt(device.secret, s) === code && !used.has(`${s}:${code}`)) {
        used.add(`${s}:${code}`);
        this.#used.set(serial, used);
        return 'ok';
      }
    }
    return 'invalid';
  }
}

/** Checks SerialNumber/TokenCode of a request for its caller; undefined when fine (or absent and not required). */
export function mfaProblem(state: EmulatorState, params: URLSearchParams, caller: Caller, required: boolean): WireResponse | undefined {
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  if (serial === null && code === null) {
    return required ? queryError(403, 'AccessDenied', 'MultiFactorAuthentication is required by the role trust policy') : undefined;
  }
  if (serial === null || code === null) return queryError(400, 'ValidationError', 'SerialNumber and TokenCode go together');
  if (!/^\d{6}$/.test(code)) return queryError(400, 'ValidationError', "1 validation error detected: Value at 'tokenCode' failed to satisfy constraint");
  const result = state.mfa.check(serial, code, caller.principal.userArn ?? caller.principal.arn, state.now());
  if (result === 'ok') return undefined;
  return queryError(403, 'AccessDenied', MFA_FAILED);
}

/** Action=GetSessionToken */
export function getSessionToken(state: EmulatorState, params: URLSearchParams, caller: Caller): WireResponse {
  const { principal } = caller;
  if (principal.sessionToken !== undefined) {
    return queryError(403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
  }
  const durationSeconds = params.has('DurationSeconds') ? Number(params.get('DurationSeconds')) : 43_200;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 129_600) {
    return queryError(400, 'ValidationError', 'The requested DurationSeconds must be between 900 and 129600 seconds.');
  }
  const problem = mfaProblem(state, params, caller, false);
  if (problem) return problem;
  const session = state.principals.issueUserSession(principal, state.now() + durationSeconds * 1000, params.has('SerialNumber'));
  return queryResult(
    'GetSessionToken',
    credentialsXml(session),
  );
}
