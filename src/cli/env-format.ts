// Printing an environment for other tools: bash `export`, dotenv, JSON, and GitHub Actions ($GITHUB_ENV lines
// plus ::add-mask:: for every secret value, the one place a secret is printed, as Actions requires).
import { EcrAuthError } from '../core/errors.ts';

/** The formats `ecr-auth env --format` accepts. */
export const ENV_FORMATS = ['bash', 'dotenv', 'json', 'github', 'env'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/** Variables whose values are secrets: masked in GitHub Actions logs. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  // a CodeArtifact token inside the index URL (aws/codeartifact pip and uv repositories)
  'PIP_INDEX_URL', 'UV_INDEX_URL', 'UV_DEFAULT_INDEX',
]);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOTENV_BARE = /^[A-Za-z0-9_./:+=@,%-]*$/;

function checkNames(vars: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(vars)) {
    if (!NAME.test(name)) throw new EcrAuthError('E_USAGE', `"${name}" is not a valid environment variable name`);
  }
}

/** A POSIX shell single-quoted word: 'it'\''s' — nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A dotenv value: bare when safe, single-quoted (literal) when possible, else double-quoted with escapes. */
export function dotenvQuote(value: string): string {
  if (value !== '' && DOTENV_BARE.test(value)) return value;
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$/g, '\\$')}"`;
}

/** The environment as text in one of the stdout formats (not github, which writes a file). */
export function formatEnvironment(vars: Readonly<Record<string, string>>, format: Exclude<EnvFormat, 'github'>): string {
  checkNames(vars);
  const entries = Object.entries(vars);
  switch (format) {
    case 'bash':
      return entries.map(([name, value]) => `export ${name}=${shellQuote(value)}\n`).join('');
    case 'dotenv':
      return entries.map(([name, value]) => `${name}=${dotenvQuote(value)}\n`).join('');
    case 'json':
      return `${JSON.stringify(vars, null, 2)}\n`;
    case 'env':
      // Atmos's `env`: NAME=value with nothing quoted, as `docker run --env-file` reads it; one line per variable
      for (const [name, value] of entries) {
        if (/[\r\n]/.test(value)) throw new EcrAuthError('E_USAGE', `the value of ${name} has a line break, which --format env cannot hold`, { hint: 'use --format dotenv or json' });
      }
      return entries.map(([name, value]) => `${name}=${value}\n`).join('');
  }
}

/** Lines for the $GITHUB_ENV file: NAME=value, or the NAME<<DELIMITER form for a value with a newline. */
export function githubEnvLines(vars: Readonly<Record<string, string>>, delimiter: string): string {
  checkNames(vars);
  return Object.entries(vars)
    .map(([name, value]) => {
      if (!value.includes('\n') && !value.includes('\r')) return `${name}=${value}\n`;
      if (value.includes(delimiter)) throw new EcrAuthError('E_USAGE', `the value of ${name} contains the delimiter`);
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** `::add-mask::` workflow commands for every secret value (each line of a multi-line value). */
export function githubMasks(vars: Readonly<Record<string, string>>): string {
  const values = Object.entries(vars).filter(([name]) => SECRET_VARIABLES.has(name)).flatMap(([, value]) => value.split(/\r?\n/));
  return values.filter((value) => value !== '').map((value) => `::add-mask::${value}\n`).join('');
}
