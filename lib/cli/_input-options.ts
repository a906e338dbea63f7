import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_INPUT_SIZE, formatSize, INPUT_SIZE_ALLOWED, MAX_INPUT_SIZE_FLAG, parseInputSize } from '../input/input-size';

/**
 * `--max-input-size <size>`, the limit on each file, Git blob or stream that `check` and `diff` read (its value is a
 * number of bytes).
 */
export function maxInputSizeOption(): Option {
  return new Option(`${MAX_INPUT_SIZE_FLAG} <size>`, 'the largest file, Git blob or stream read: bytes, or KiB, MiB, GiB; one document may hold a YAML token per 32 bytes of it')
    .argParser((value: string) => {
      const bytes = parseInputSize(value);
      if (bytes === undefined) throw new InvalidArgumentError(`received ${JSON.stringify(value)}; allowed: ${INPUT_SIZE_ALLOWED}.`);
      return bytes;
    })
    .default(DEFAULT_MAX_INPUT_SIZE, formatSize(DEFAULT_MAX_INPUT_SIZE));
}
