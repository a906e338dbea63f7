// cdk8s-platform/testing: helpers for testing stacks with jest. This file only re-exports.

export * from './synth-objects';
export * from './find';
export * from './matchers';
export * from './yaml-serializer';
export * from './environments';
export * from './findings';
