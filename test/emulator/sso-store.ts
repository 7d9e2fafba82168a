// The IAM Identity Center login state: OIDC client registrations, device authorizations and authorization codes.
import { randomToken, userCode } from './random.ts';

const REGISTRATION_TTL_MS = 90 * 24 * 3600 * 1000;
const AUTH_CODE_TTL_MS = 5 * 60 * 1000;

/** An OIDC client registration (RegisterClient). */
export interface OidcClient {
  clientId: string;
  clientSecret: string;
  issuedAt: number;
  expiresAt: number;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
}

/** A pending device authorization (StartDeviceAuthorization). */
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  interval: number;
  polls: number;
  lastPollAt?: number;
  status: 'pending' | 'approved' | 'denied' | 'used';
}

/** An authorization code handed out by GET /authorize, bound to its PKCE challenge. */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

/** Registrations and pending logins; `onSecret` sees every secret it creates. */
export class SsoStore {
  readonly clients = new Map<string, OidcClient>();
  readonly devices = new Map<string, DeviceAuthorization>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly #onSecret: (secret: string) => void;

  constructor(onSecret: (secret: string) => void) {
    this.#onSecret = onSecret;
  }

  /** Registers a client; refresh tokens are issued to it when it asked for scopes or the refresh_token grant. */
  registerClient(now: number, input: { scopes?: string[]; grantTypes?: string[]; redirectUris?: string[] }): OidcClient {
    const client: OidcClient = {
      clientId: randomToken(16),
      clientSecret: `eyJraWQiOiJrZXkiLCJhbGciOiJIUzM4NCJ9.${randomToken(420)}`,
      issuedAt: now,
      expiresAt: now + REGISTRATION_TTL_MS,
      scopes: input.scopes ?? [],
      grantTypes: input.grantTypes ?? [],
      redirectUris: input.redirectUris ?? [],
    };
    this.clients.set(client.clientId, client);
    this.#onSecret(client.clientSecret);
    return client;
  }

  /** The client when id and secret match and the registration is unexpired; otherwise why not. */
  authenticateClient(now: number, clientId: string, clientSecret: string): OidcClient | 'invalid' | 'expired' {
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) return 'invalid';
    return client.expiresAt <= now ? 'expired' : client;
  }

  /** Starts a device authorization for a registered client. */
  startDevice(now: number, clientId: string, startUrl: string, expiresIn: number, interval: number): DeviceAuthorization {
    const device: DeviceAuthorization = {
      deviceCode: randomToken(48),
      userCode: userCode(),
      clientId,
      startUrl,
      expiresAt: now + expiresIn * 1000,
      interval,
      polls: 0,
      status: 'pending',
    };
    this.devices.set(device.deviceCode, device);
    this.#onSecret(device.deviceCode);
    return device;
  }

  /** The device authorization showing `code` to the user. */
  deviceByUserCode(code: string): DeviceAuthorization | undefined {
    return [...this.devices.values()].find((d) => d.userCode === code);
  }

  /** Creates an authorization code for a PKCE login. */
  createCode(now: number, clientId: string, redirectUri: string, codeChallenge: string): AuthorizationCode {
    const code: AuthorizationCode = {
      code: randomToken(32),
      clientId,
      redirectUri,
      codeChallenge,
      expiresAt: now + AUTH_CODE_TTL_MS,
      used: false,
    };
    this.codes.set(code.code, code);
    this.#onSecret(code.code);
    return code;
  }
}
