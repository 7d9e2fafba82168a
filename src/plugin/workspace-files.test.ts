import { describe, expect, it } from 'vitest';
import { declaredProject, readJsonObject, rootProjectName, type ReadText } from './workspace-files.ts';

function files(map: Record<string, unknown>): ReadText {
  return (path) => (path in map ? (typeof map[path] === 'string' ? (map[path] as string) : JSON.stringify(map[path])) : undefined);
}

describe('rootProjectName', () => {
  it.each([
    ['no files', {}, undefined],
    ['package.json without nx is not a project', { 'package.json': { name: 'ws' } }, undefined],
    ['package.json with nx', { 'package.json': { name: 'ws', nx: {} } }, 'ws'],
    ['nx.name wins over name', { 'package.json': { name: 'ws', nx: { name: 'root' } } }, 'root'],
    ['root project.json', { 'project.json': { name: 'root' }, 'package.json': { name: 'ws' } }, 'root'],
    ['root project.json without a name takes package.json name', { 'project.json': {}, 'package.json': { name: 'ws' } }, 'ws'],
    ['broken JSON is ignored', { 'package.json': '{ nope' }, undefined],
  ])('%s', (_, map, expected) => {
    expect(rootProjectName(files(map as Record<string, unknown>))).toBe(expected);
  });
});

describe('declaredProject', () => {
  it('collects scripts, nx.targets and project.json targets with their dependsOn (project.json last)', () => {
    const project = declaredProject(
      files({
        'apps/api/package.json': { name: 'api', scripts: { 'docker-build': 'docker build .' }, nx: { targets: { 'docker-push': { dependsOn: ['x'] } } } },
        'apps/api/project.json': { targets: { 'docker-push': { dependsOn: ['build'] }, container: {} } },
      }),
      'apps/api',
    );
    expect(project?.name).toBe('api');
    expect(project?.hasProjectJson).toBe(true);
    expect(Object.fromEntries(project!.targets)).toEqual({ 'docker-build': undefined, 'docker-push': ['build'], container: undefined });
  });

  it('honours includedScripts', () => {
    const project = declaredProject(files({ 'package.json': { name: 'a', scripts: { a: 'x', b: 'y' }, nx: { includedScripts: ['b'] } } }), '.');
    expect([...project!.targets.keys()]).toEqual(['b']);
  });

  it('is undefined for a directory without project files', () => {
    expect(declaredProject(files({}), 'apps/none')).toBeUndefined();
  });

  it('readJsonObject rejects arrays and non-JSON', () => {
    expect(readJsonObject(files({ a: '[1]' }), 'a')).toBeUndefined();
    expect(readJsonObject(files({ a: 'x' }), 'a')).toBeUndefined();
  });
});
