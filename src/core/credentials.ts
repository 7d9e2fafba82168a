// The AWS credential shape every layer passes around (never logged, never put on argv).

/** Temporary AWS credentials of an identity (or of the ambient chain). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch ms; undefined for long-lived keys. */
  expiresAt?: number;
}
