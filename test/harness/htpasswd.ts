import bcrypt from 'bcryptjs';

// A registry user: for ECR-shaped tests, username "AWS" and a long token as the password.
export interface RegistryUser {
  username: string;
  password: string;
}

// The htpasswd file text for `users`, bcrypt-hashed (cost 4: fast for the registry, which checks every request).
// bcrypt only uses the first 72 bytes of a password, so test tokens must differ within those.
export function htpasswdText(users: readonly RegistryUser[]): string {
  return users.map(({ username, password }) => `${username}:${bcrypt.hashSync(password, 4)}\n`).join('');
}
