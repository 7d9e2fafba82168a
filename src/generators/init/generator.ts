// `ecr-auth:init`, also what `nx add ecr-auth` runs: writes ecr-auth.config.yaml from the answers (unless a config
// exists), registers the plugin in nx.json, adds the root `ecr-login` target and makes docker-build/docker-push
// depend on it through targetDefaults: one login per run. Only the Tree is touched, so --dry-run works, and a
// second run changes nothing.
import type { Tree } from '@nx/devkit';
import { configYaml, NO_REGISTRY_NOTE, type ConfigAnswers } from '../lib/config-yaml.ts';
import { CONFIG_FILE, existingConfig } from '../lib/existing-config.ts';
import { ensureLoginTarget } from '../lib/login-target.ts';
import { addLoginDefault, DEFAULTED_TARGETS, registerPlugin } from '../lib/nx-json.ts';
import { updateJson } from '../lib/tree-json.ts';

/** init's options (schema.json). */
export interface InitOptions extends ConfigAnswers {
  /** Accepted for Nx conventions; the files are written already formatted. */
  skipFormat?: boolean;
  /** Passed by `nx add`; nothing is installed here. */
  keepExistingVersions?: boolean;
}

/** What init did, for its own messages and for tests. */
export interface InitResult {
  config: 'written' | 'kept' | 'skipped';
  configFile: string | undefined;
  loginProject: string;
}

/** The generator's work on the Tree. */
export function initWorkspace(tree: Tree, options: InitOptions): InitResult {
  const existing = existingConfig(tree);
  let config: InitResult['config'] = 'kept';
  if (!existing) {
    const yaml = configYaml(options);
    if (yaml !== undefined) tree.write(CONFIG_FILE, yaml);
    config = yaml === undefined ? 'skipped' : 'written';
  }
  // A written config has one identity, the default; an existing one may need the identity named.
  const identity = existing ? options.identity?.trim() || undefined : undefined;
  const { project } = ensureLoginTarget(tree, identity);
  updateJson(tree, 'nx.json', (nxJson) => {
    registerPlugin(nxJson);
    for (const target of DEFAULTED_TARGETS) addLoginDefault(nxJson, target, project);
  });
  return { config, configFile: existing ?? (config === 'written' ? CONFIG_FILE : undefined), loginProject: project };
}

/** The Nx generator. */
export default async function initGenerator(tree: Tree, options: InitOptions): Promise<void> {
  const result = initWorkspace(tree, options);
  if (result.config === 'kept') console.log(`ecr-auth: kept the existing config ${result.configFile}`);
  if (result.config === 'skipped') {
    console.log(
      'ecr-auth: no config written (no --startUrl, --registries or --account with --region given). Write ' +
        `${CONFIG_FILE} by hand, or run \`nx g ecr-auth:init --startUrl https://company.awsapps.com/start/ --region us-east-1 ` +
        '--account 123456789012 --permissionSet AdministratorAccess\`.',
    );
  }
  if (result.config === 'written' && !tree.read(CONFIG_FILE, 'utf-8')?.includes('\n  integrations:')) {
    console.log(`ecr-auth: ${NO_REGISTRY_NOTE} in ${CONFIG_FILE} (or run init again with --registries ACCOUNT:REGION).`);
  }
  console.log(`ecr-auth: docker-build and docker-push wait for ${result.loginProject}:ecr-login (one login per run).`);
}
