import { formatSize, parseInputSize } from '../../lib/input/input-size';

describe('parseInputSize', () => {
  test.each([
    ['1048576', 1048576], ['64MiB', 64 * 1024 ** 2], ['64 mib', 64 * 1024 ** 2], ['1.5GiB', 1.5 * 1024 ** 3], ['512Ki', 512 * 1024],
    ['2Gi', 2 * 1024 ** 3], ['10b', 10], ['1024GiB', 1024 ** 4],
  ])('GIVEN %s WHEN parsed THEN it is %d bytes', (text, bytes) => {
    expect(parseInputSize(text)).toBe(bytes);
  });

  test.each(['', '0', '0.1', '12XB', '64MB', '-1', '1e6', 'MiB', '1025GiB', '1 2'])('GIVEN %j WHEN parsed THEN it is not a size', (text) => {
    expect(parseInputSize(text)).toBeUndefined();
  });
});

describe('formatSize', () => {
  test.each([[1, '1 byte'], [812, '812 bytes'], [2048, '2 KiB'], [32 * 1024 ** 2, '32 MiB'], [41943040, '40 MiB'], [2109, '2.1 KiB'], [3 * 1024 ** 3, '3 GiB']])(
    'GIVEN %d bytes WHEN formatted THEN it is %s', (bytes, text) => {
      expect(formatSize(bytes)).toBe(text);
    });
});
