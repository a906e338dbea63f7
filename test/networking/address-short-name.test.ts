import { Address, AppStack, ServiceEndpoint, WebService } from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

/** A stack with an api WebService on 9000 (Service port 80, gRPC 9090) and a caller. */
function setUp() {
  const { app, stack } = makeStack();
  const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, port: 9000, servicePort: 80, extraPorts: [{ name: 'grpc', port: 9090 }] });
  const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
  return { app, stack, api, web };
}

/** The env of the web container, as name -> value. */
function envOf(stack: AppStack): Record<string, string> {
  return Object.fromEntries((podSpecOf(synth(stack), 'web').containers[0].env ?? []).map((e: any) => [e.name, e.value]));
}

describe('Address forms with shortName', () => {
  test('GIVEN Address.hostPort({ shortName: true }) WHEN connected THEN the host is the Service\'s short name', () => {
    // GIVEN
    const { stack, api, web } = setUp();
    // WHEN
    web.connectTo(api, { as: Address.hostPort({ shortName: true }), port: 9090 });
    // THEN
    expect(envOf(stack)).toEqual({ API_ADDR: 'api:9090' });
  });

  test('GIVEN Address.url("http", { shortName: true }) WHEN connected THEN the URL names the short host (port 80 left out)', () => {
    // GIVEN
    const { stack, api, web } = setUp();
    // WHEN
    web.connectTo(api, { as: Address.url('http', { shortName: true }) });
    // THEN
    expect(envOf(stack)).toEqual({ API_URL: 'http://api' });
  });

  test('GIVEN Address.host({ shortName: true }) WHEN connected THEN the variable is the short name alone', () => {
    // GIVEN
    const { stack, api, web } = setUp();
    // WHEN
    web.connectTo(api, { envVar: 'API_HOST', as: Address.host({ shortName: true }) });
    // THEN
    expect(envOf(stack)).toEqual({ API_HOST: 'api' });
  });

  test('GIVEN a Service of another namespace WHEN connected with a short name THEN it is refused, naming the full DNS name', () => {
    // GIVEN
    const { stack, web } = setUp();
    const search = ServiceEndpoint.fromServiceName(stack, 'search', { serviceName: 'opensearch', namespace: 'search', ports: [{ port: 9200 }] });
    // WHEN / THEN
    expectPropError(() => web.connectTo(search, { as: Address.hostPort({ shortName: true }) }), {
      path: 'test/web', prop: 'connectTo() env OPENSEARCH_ADDR', received: '"Address.hostPort({ shortName: true })"',
      allowed: /the full DNS name \(no shortName\): "opensearch" is reached as opensearch\.search\.svc\.cluster\.local/,
    });
  });

  test('GIVEN shortName that is not a boolean WHEN connected THEN the option is refused', () => {
    // GIVEN
    const { api, web } = setUp();
    // WHEN / THEN
    expectPropError(() => web.connectTo(api, { as: Address.host({ shortName: 'yes' as unknown as boolean }) }), {
      path: 'test/web', prop: 'connectTo() as.shortName', received: '"yes"',
    });
  });

  test('GIVEN a misspelt option of Address.host() WHEN connected THEN it is refused with the closest name', () => {
    // GIVEN
    const { api, web } = setUp();
    // WHEN / THEN
    expectPropError(() => web.connectTo(api, { as: Address.host({ shortname: true } as never) }), {
      path: 'test/web', prop: 'connectTo() as.shortname', received: 'true', allowed: /shortName/,
    });
  });
});
