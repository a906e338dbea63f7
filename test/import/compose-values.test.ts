import { parseBytes, parseCpus, parseDurationSeconds, parseMount, parsePort } from '../../lib/import/_compose-values';

describe('parseDurationSeconds', () => {
  test.each([
    ['30s', 30, false], ['1m30s', 90, false], ['1h', 3600, false], ['1.5s', 2, true], ['500ms', 1, true],
    ['2m0.5s', 121, true], ['0', 0, false], ['0s', 0, false], ['90000us', 1, true],
  ])('GIVEN %j WHEN parsed THEN it is %d whole seconds (rounded: %s)', (text, seconds, rounded) => {
    expect(parseDurationSeconds(text)).toEqual({ value: { seconds, rounded } });
  });

  test.each(['', '30', '1d', 's', '1m 30s', '-5s'])('GIVEN %j WHEN parsed THEN the problem says what a duration is', (text) => {
    expect(parseDurationSeconds(text)).toEqual({ problem: expect.stringContaining(`received "${text}"; allowed: a duration`) });
  });

  test('GIVEN a number WHEN parsed THEN it is refused (Compose durations are strings with units)', () => {
    expect(parseDurationSeconds(30)).toEqual({ problem: expect.stringContaining('received 30; allowed: a duration') });
  });
});

describe('parseBytes', () => {
  test.each([
    ['512M', '512Mi'], ['512m', '512Mi'], ['1g', '1Gi'], ['1GB', '1Gi'], ['1.5g', '1536Mi'], ['64k', '64Ki'],
    ['100mb', '100Mi'], ['1gib', '1Gi'], [1073741824, '1Gi'], ['1000', '1k'], ['2t', '2Ti'], ['10 m', '10Mi'],
  ])('GIVEN %j WHEN parsed THEN it is the memory quantity %s (Docker units are powers of 1024)', (value, quantity) => {
    expect(parseBytes(value)).toEqual({ value: quantity });
  });

  test.each(['512X', '', '-1g', '1e9', 'lots'])('GIVEN %j WHEN parsed THEN the problem says what a byte value is', (value) => {
    expect(parseBytes(value)).toEqual({ problem: expect.stringContaining('allowed: a byte value') });
  });
});

describe('parseCpus', () => {
  test.each([['0.5', '500m'], [0.25, '250m'], ['2', '2'], [1.5, '1500m'], ['.1', '100m'], ['0.001', '1m']])(
    'GIVEN %j WHEN parsed THEN it is the CPU quantity %s', (value, quantity) => {
      expect(parseCpus(value)).toEqual({ value: quantity });
    });

  test.each(['0', 'half', '-1', '500m'])('GIVEN %j WHEN parsed THEN it is refused', (value) => {
    expect(parseCpus(value)).toEqual({ problem: expect.stringContaining('allowed: a number of CPUs greater than 0') });
  });
});

describe('parsePort', () => {
  test.each([
    ['8080:80', { target: 80, published: 8080, protocol: 'TCP' }],
    ['80', { target: 80, protocol: 'TCP' }],
    [3000, { target: 3000, protocol: 'TCP' }],
    ['53:53/udp', { target: 53, published: 53, protocol: 'UDP' }],
    ['127.0.0.1:8080:80', { target: 80, published: 8080, protocol: 'TCP', hostIp: '127.0.0.1' }],
    ['127.0.0.1::80', { target: 80, protocol: 'TCP', hostIp: '127.0.0.1' }],
    [{ target: 80, published: '8080', protocol: 'tcp', name: 'web' }, { target: 80, published: 8080, protocol: 'TCP', name: 'web' }],
    [{ target: 9000, host_ip: '0.0.0.0', mode: 'host' }, { target: 9000, protocol: 'TCP', hostIp: '0.0.0.0' }],
  ])('GIVEN %j WHEN parsed THEN it is %j', (entry, port) => {
    const parsed = parsePort(entry, false);
    expect('value' in parsed && Object.fromEntries(Object.entries(parsed.value).filter(([, v]) => v !== undefined))).toEqual(port);
  });

  test.each([
    ['8000-8010:8000-8010', 'port range 8000-8010'],
    ['9090-9091', 'port range 9090-9091'],
    ['70000', 'allowed: a port number from 1 to 65535'],
    ['80/quic', 'protocol "quic"; allowed: tcp, udp or sctp'],
    ['8080:', 'allowed: a port mapping'],
    [{ published: 80 }, 'the container port'],
    [{ target: 80, extra: 1 }, 'unknown key extra'],
    [true, 'allowed: a port mapping'],
  ])('GIVEN %j WHEN parsed THEN the problem says %j', (entry, message) => {
    expect(parsePort(entry, false)).toEqual({ problem: expect.stringContaining(message) });
  });

  test('GIVEN an expose entry with a published port WHEN parsed THEN it is refused (expose names container ports)', () => {
    expect(parsePort('8080:80', true)).toEqual({ problem: expect.stringContaining('allowed: a container port') });
  });
});

describe('parseMount', () => {
  test.each([
    ['db-data:/var/lib/postgresql/data', { type: 'volume', source: 'db-data', target: '/var/lib/postgresql/data', readOnly: false }],
    ['cache:/cache:ro', { type: 'volume', source: 'cache', target: '/cache', readOnly: true }],
    ['/scratch', { type: 'volume', target: '/scratch', readOnly: false }],
    ['./data:/data', { type: 'bind', source: './data', target: '/data', readOnly: false }],
    ['/etc/app:/etc/app:ro,z', { type: 'bind', source: '/etc/app', target: '/etc/app', readOnly: true }],
    ['~/.aws:/root/.aws', { type: 'bind', source: '~/.aws', target: '/root/.aws', readOnly: false }],
    [{ type: 'volume', source: 'data', target: '/data', read_only: true }, { type: 'volume', source: 'data', target: '/data', readOnly: true }],
    [{ type: 'tmpfs', target: '/run', tmpfs: { size: '64m' } }, { type: 'tmpfs', target: '/run', readOnly: false, sizeLimit: '64Mi' }],
    [{ type: 'npipe', source: '\\\\.\\pipe\\docker', target: '/pipe' }, { type: 'other', otherType: 'npipe', source: '\\\\.\\pipe\\docker', target: '/pipe', readOnly: false }],
  ])('GIVEN %j WHEN parsed THEN it is %j', (entry, mount) => {
    const parsed = parseMount(entry);
    expect('value' in parsed && Object.fromEntries(Object.entries(parsed.value).filter(([, v]) => v !== undefined))).toEqual(mount);
  });

  test.each([['data:relative'], [{ source: 'x' }], [42]])('GIVEN %j WHEN parsed THEN it is refused', (entry) => {
    expect(parseMount(entry)).toEqual({ problem: expect.stringContaining('allowed: a mount') });
  });
});
