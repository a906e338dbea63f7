import { App } from 'cdk8s';
import { toYaml } from '../output/yaml';
import { writeFolderAtomically } from '../output/atomic-write';
import { synthesizeCharts } from './_synth';
import { PlatformError } from './errors';
import { ManifestObject } from './manifest-object';

/** Props of a `PlatformApp`. */
export interface PlatformAppProps {
  /**
   * The folder the YAML is written to.
   *
   * @default the `CDK8S_OUTDIR` environment variable (set by `cdk8s synth`), else "dist"
   */
  readonly outdir?: string;
}

const PLATFORM_APP = Symbol.for('cdk8s-platform.PlatformApp');

/**
 * The root of a cdk8s-platform app: holds `AppStack`s and writes their YAML.
 *
 * `synth()` validates the whole construct tree first and writes nothing if anything is wrong; it then writes one
 * file per stack (`<stack>.k8s.yaml`) into a fresh folder that replaces the output folder in one step, so a failed
 * synth never leaves a half-written output. The same input always gives the same bytes.
 *
 * @example
 * // apps/main.ts, run by `cdk8s synth`
 * PlatformApp.run((app) => {
 *   new ShopStack(app, 'shop');
 * });
 */
export class PlatformApp extends App {
  /** Whether `x` is a `PlatformApp`, also across copies of this package. */
  public static isPlatformApp(x: unknown): x is PlatformApp {
    return x !== null && typeof x === 'object' && PLATFORM_APP in x;
  }

  /**
   * Creates an app, lets `build` define its stacks, and synthesizes it. Invalid input (a `PlatformError`) is
   * printed as a plain message and sets the exit code to 1, with nothing written; any other error is printed with
   * its stack trace.
   */
  public static run(build: (app: PlatformApp) => void, props: PlatformAppProps = {}): void {
    try {
      const app = new PlatformApp(props);
      build(app);
      app.synth();
    } catch (e) {
      if (PlatformError.isPlatformError(e)) {
        console.error(`cdk8s-platform: ${e.message}`);
      } else {
        console.error(e instanceof Error && e.stack ? e.stack : e);
      }
      process.exitCode = 1;
    }
  }

  constructor(props: PlatformAppProps = {}) {
    super({ outdir: props.outdir });
    Object.defineProperty(this, PLATFORM_APP, { value: true });
  }

  /**
   * Validates the app and renders every object, without writing anything.
   *
   * @returns the objects of each stack, by the stack's output file name
   * @throws SynthError if validation fails
   */
  public synthManifests(): Map<string, ManifestObject[]> {
    const result = new Map<string, ManifestObject[]>();
    for (const chart of synthesizeCharts(this)) {
      const file = `${chart.chart.node.path.split('/').join('-')}${this.outputFileExtension}`;
      if (result.has(file)) {
        throw new PlatformError(`Two stacks would write the same file "${file}"; give them different construct ids.`);
      }
      result.set(file, chart.objects);
    }
    return result;
  }

  /** Validates the app and writes one YAML file per stack, atomically. */
  public synth(): void {
    const files = new Map<string, string>();
    for (const [file, objects] of this.synthManifests()) files.set(file, toYaml(objects));
    writeFolderAtomically(this.outdir, files);
  }

  /** Validates the app and returns all of its objects as one YAML stream. */
  public synthYaml(): string {
    return toYaml([...this.synthManifests().values()].flat());
  }
}
