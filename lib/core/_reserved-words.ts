/**
 * JavaScript's and TypeScript's reserved words, and the names TypeScript refuses for a class or a variable: what an
 * identifier the library generates (init's class names, import's variables) must never be.
 *
 * @internal
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'as',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
  'any', 'boolean', 'number', 'string', 'symbol', 'object', 'never', 'unknown', 'undefined', 'bigint', 'type',
  'arguments', 'eval',
]);
