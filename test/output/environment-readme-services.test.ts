import { Address, environmentReadme, ServiceType, WebService, Worker } from '../../lib';
import { makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

describe('environmentReadme: every Service of a workload, every container that calls', () => {
  test('GIVEN a workload with a second Service WHEN described THEN both Services link to its pods', () => {
    // GIVEN
    const { stack } = makeStack();
    const frontend = new WebService(stack, 'frontend', { image: IMAGE, resources: RESOURCES });
    frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });
    // WHEN
    const text = environmentReadme('dev', synth(stack));
    // THEN
    expect(text).toContain('  Service_test_frontend --> Deployment_test_frontend\n');
    expect(text).toContain('  Service_test_frontend_external --> Deployment_test_frontend\n');
    expect(text).toContain('Service_test_frontend_external(["Service frontend-external (LoadBalancer)"])');
  });

  test('GIVEN a caller of the second Service WHEN described THEN the call goes to that Service', () => {
    const { stack } = makeStack();
    const frontend = new WebService(stack, 'frontend', { image: IMAGE, resources: RESOURCES });
    const ext = frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });
    new Worker(stack, 'loadgen', { image: IMAGE, resources: RESOURCES, port: 9000 }).connectTo(ext, { as: Address.hostPort() });
    const text = environmentReadme('dev', synth(stack));
    expect(text).toContain('  Deployment_test_loadgen -- calls --> Service_test_frontend_external\n');
    expect(text).not.toContain('Deployment_test_loadgen -- calls --> Service_test_frontend\n');
  });

  test('GIVEN an address only in an init container WHEN described THEN the workload still calls the Service', () => {
    const { stack } = makeStack();
    const redis = new WebService(stack, 'redis', { image: 'redis:7.2.4', resources: RESOURCES, port: 6379 });
    const w = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000, initContainers: [{ name: 'wait', image: 'busybox:1.36.1', resources: RESOURCES }] });
    w.connectTo(redis, { as: Address.hostPort(), containers: ['wait'] });
    expect(environmentReadme('dev', synth(stack))).toContain('  Deployment_test_w -- calls --> Service_test_redis\n');
  });
});
