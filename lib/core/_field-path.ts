/** One step of a path into an object: a key, or a list index. @internal */
export type PathSegment = string | number;

/**
 * The segments of a finding's field path: `spec.containers[0].env[1]` → `spec`, `containers`, 0, `env`, 1;
 * `metadata.labels["app.kubernetes.io/name"]` → `metadata`, `labels`, `app.kubernetes.io/name`.
 *
 * @internal
 */
export function fieldPathSegments(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < field.length) {
    if (field[i] === '.') {
      i++;
    } else if (field[i] === '[' && field[i + 1] === '"') {
      let end = i + 2;
      while (end < field.length && field[end] !== '"') end += field[end] === '\\' ? 2 : 1;
      const quoted = field.slice(i + 1, end + 1);
      try {
        out.push(JSON.parse(quoted) as string);
      } catch {
        out.push(quoted);
      }
      i = field[end + 1] === ']' ? end + 2 : end + 1;
    } else if (field[i] === '[') {
      const close = field.indexOf(']', i);
      const end = close < 0 ? field.length : close;
      const inner = field.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end + 1;
    } else {
      let end = i;
      while (end < field.length && field[end] !== '.' && field[end] !== '[') end++;
      out.push(field.slice(i, end));
      i = end;
    }
  }
  return out;
}
