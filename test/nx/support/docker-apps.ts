// Nx projects that really build and push an image: a Dockerfile (FROM scratch + one file) and a `docker-push` target
// that runs `docker build` then `docker push` to an ECR host name. Shared by the Nx e2e test and `npm run demo`.

/** The files of one project under apps/<name>. Its image is <host>/<name>:1. */
export function dockerApp(name: string, host: string): Record<string, unknown> {
  const image = `${host}/${name}:1`;
  return {
    [`apps/${name}/Dockerfile`]: 'FROM scratch\nCOPY hello.txt /hello.txt\n',
    [`apps/${name}/hello.txt`]: `hello from ${name}\n`,
    [`apps/${name}/project.json`]: {
      name,
      targets: {
        'docker-push': {
          command: `docker build -q -t ${image} apps/${name} && docker push -q ${image}`,
          options: { env: { DOCKER_BUILDKIT: '0' } },
          cache: false,
        },
      },
    },
  };
}

/** A package-based workspace of `count` such projects (app01, app02, ...). */
export function dockerWorkspace(count: number, host: string): Record<string, unknown> {
  const files: Record<string, unknown> = {
    'package.json': { name: 'ws', private: true, workspaces: ['apps/*'] },
    'nx.json': {},
  };
  for (let i = 1; i <= count; i++) Object.assign(files, dockerApp(`app${String(i).padStart(2, '0')}`, host));
  return files;
}
