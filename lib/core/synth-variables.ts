// The environment variables `cdk8s-platform synth` sets for the app it runs, read by the app (`PlatformApp`, the
// atomic write). They live here, in a module that loads nothing, so that the command line sets them without loading
// the library.

/**
 * The environment variable that selects the environments `PlatformApp.synth()` writes: comma-separated names
 * (`cdk8s-platform synth --env` sets it).
 */
export const ENVIRONMENT_SELECTION_VARIABLE = 'CDK8S_PLATFORM_ENV';

/**
 * The environment variable `cdk8s-platform synth --stdout` sets: `synth()` then prints one environment as one YAML
 * stream, in apply order, and writes no file. Its value is the file descriptor to print to: `1` (standard output), or
 * the one `synth --stdout` passes the app (`3`), so that what the app's own code prints (`console.log`) goes to
 * standard error and never into the stream.
 */
export const STDOUT_VARIABLE = 'CDK8S_PLATFORM_STDOUT';

/**
 * The environment variable in which `cdk8s-platform synth` passes its process id to the app it runs: the app
 * replaces its output only while that process lives, so an app left running after its command was killed never
 * changes the output.
 *
 * @internal
 */
export const CLI_PID_VARIABLE = 'CDK8S_PLATFORM_CLI_PID';
