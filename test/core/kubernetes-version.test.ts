import { AppStack, DEFAULT_KUBERNETES_VERSION, Environment, kubernetesVersionOf, PlatformApp, PlatformError, SUPPORTED_KUBERNETES_VERSIONS } from '../../lib';
import { checkKubernetesVersion, isAtLeast } from '../../lib/core/kubernetes-version';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

describe('kubernetesVersion', () => {
  test('GIVEN no version set WHEN a stack asks THEN it targets the default, 1.33', () => {
    const stack = new AppStack(new PlatformApp({ outdir: tmpdir() }), 's', { namespace: 's' });
    expect(kubernetesVersionOf(stack)).toBe('1.33');
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.33');
  });

  test('GIVEN the supported versions WHEN listed THEN they are every minor from 1.27 to 1.36', () => {
    expect(SUPPORTED_KUBERNETES_VERSIONS).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
  });

  test('GIVEN a version on the app WHEN a stack asks THEN it targets the app\'s', () => {
    const stack = new AppStack(new PlatformApp({ outdir: tmpdir(), kubernetesVersion: '1.30' }), 's', { namespace: 's' });
    expect(kubernetesVersionOf(stack)).toBe('1.30');
  });

  test('GIVEN versions on the app and on environments WHEN stacks ask THEN the nearest wins', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), kubernetesVersion: '1.32' });
    const dev = new AppStack(new Environment(app, 'dev', { kubernetesVersion: '1.35' }), 's', { namespace: 's' });
    const prod = new AppStack(new Environment(app, 'prod'), 's', { namespace: 's' });
    // THEN
    expect(kubernetesVersionOf(dev)).toBe('1.35');
    expect(kubernetesVersionOf(prod)).toBe('1.32');
  });

  test.each(['1.26', '1.37', '2.0', 'latest', '', 1.33])('GIVEN the unsupported version %j WHEN set on the app THEN it is an error listing the supported ones', (version) => {
    const make = (): unknown => new PlatformApp({ outdir: tmpdir(), kubernetesVersion: version as string });
    expect(make).toThrow(PlatformError);
    expect(make).toThrow(`kubernetesVersion received ${JSON.stringify(version)}; allowed: a supported Kubernetes minor version, one of "1.27", "1.28"`);
  });

  test('GIVEN an unsupported version on an environment WHEN created THEN the error names the environment', () => {
    const app = new PlatformApp({ outdir: tmpdir() });
    expect(() => new Environment(app, 'dev', { kubernetesVersion: '1.99' })).toThrow('Invalid Environment props at "dev": kubernetesVersion received "1.99"');
  });

  test.each([['v1.31', '1.31'], ['1.34.2', '1.34'], [' 1.29 ', '1.29']])('GIVEN %j WHEN read THEN it is the minor %s', (text, minor) => {
    expect(checkKubernetesVersion(text, 'x')).toBe(minor);
  });

  test('GIVEN two versions WHEN compared THEN isAtLeast compares minors as numbers', () => {
    expect(isAtLeast('1.30', '1.29')).toBe(true);
    expect(isAtLeast('1.29', '1.29')).toBe(true);
    expect(isAtLeast('1.28', '1.29')).toBe(false);
  });

  test('GIVEN kubernetesVersion inside the app\'s validation options WHEN the app is created THEN it is refused: the app and environments set it', () => {
    const make = (): unknown => new PlatformApp({ outdir: tmpdir(), validation: { kubernetesVersion: '1.30' } });
    expect(make).toThrow('validation.kubernetesVersion: received "1.30"; allowed: nothing: set kubernetesVersion on the PlatformApp or on each Environment');
  });

  test('GIVEN check with an unsupported --kubernetes-version WHEN run THEN it exits 1 listing the supported versions', async () => {
    let stderr = '';
    const code = await main(['check', '--kubernetes-version', '1.40', '-'], { cwd: tmpdir(), env: {}, stdout: () => undefined, stderr: (t) => { stderr += t; }, stdin: () => '' });
    expect(code).toBe(1);
    expect(stderr).toContain('--kubernetes-version received "1.40"; allowed: a supported Kubernetes minor version, one of "1.27"');
  });
});
