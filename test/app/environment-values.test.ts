import { defineEnvironments, mergeValues, PlatformError, ServiceType } from '../../lib';

interface Values {
  readonly replicas: number;
  readonly resources: { readonly cpu: string; readonly memory: string };
  readonly hosts: string[];
  readonly serviceType: ServiceType;
  readonly tag?: string;
}

const BASE: Values = {
  replicas: 2,
  resources: { cpu: '100m', memory: '128Mi' },
  hosts: ['shop.example.com', 'www.shop.example.com'],
  serviceType: ServiceType.clusterIp(),
};

describe('mergeValues', () => {
  test('GIVEN a nested override WHEN merged THEN objects merge key by key', () => {
    expect(mergeValues(BASE, { resources: { cpu: '1' } }).resources).toEqual({ cpu: '1', memory: '128Mi' });
  });

  test('GIVEN an array override WHEN merged THEN the array replaces the base array', () => {
    expect(mergeValues(BASE, { hosts: ['dev.example.com'] }).hosts).toEqual(['dev.example.com']);
  });

  test('GIVEN a class instance override WHEN merged THEN it replaces the base value as a whole', () => {
    const lb = ServiceType.loadBalancer();
    expect(mergeValues(BASE, { serviceType: lb }).serviceType).toBe(lb);
  });

  test('GIVEN an undefined override WHEN merged THEN the base value stays', () => {
    expect(mergeValues(BASE, { replicas: undefined }).replicas).toBe(2);
  });

  test('GIVEN an optional key absent from the base WHEN overridden THEN it is set', () => {
    expect(mergeValues(BASE, { tag: '1.2.3' }).tag).toBe('1.2.3');
  });

  test('GIVEN overrides WHEN merged THEN neither input changes', () => {
    const overrides = { resources: { cpu: '1' } };
    mergeValues(BASE, overrides);
    expect(BASE.resources).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(overrides).toEqual({ resources: { cpu: '1' } });
  });

  test('GIVEN a plain object over a class instance WHEN merged THEN the error names the path and what is allowed', () => {
    expect(() => mergeValues(BASE, { serviceType: {} as any })).toThrow(PlatformError);
    expect(() => mergeValues(BASE, { serviceType: {} as any })).toThrow('at values.serviceType: received {}; allowed: a whole ServiceType value');
  });
});

describe('defineEnvironments', () => {
  test('GIVEN overrides per environment WHEN defined THEN each environment gets the base with its overrides, in order', () => {
    const envs = defineEnvironments(BASE, { dev: { replicas: 1 }, prod: {} });
    expect(Object.keys(envs)).toEqual(['dev', 'prod']);
    expect(envs.dev.replicas).toBe(1);
    expect(envs.prod).toEqual(BASE);
  });

  test('GIVEN an environment name that is not a DNS label WHEN defined THEN the error names it', () => {
    expect(() => defineEnvironments(BASE, { Prod: {} })).toThrow('environment name received "Prod"');
  });

  test('GIVEN no environments WHEN defined THEN the error says one is needed', () => {
    expect(() => defineEnvironments(BASE, {})).toThrow(/one entry per environment name/);
  });
});
