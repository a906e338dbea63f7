/**
 * Values computed at most once during one synth pass (the construct tree does not change meanwhile), and none kept
 * after it: `run(fn)` opens a fresh cache for `fn`; outside `run()`, `get()` finds nothing and `set()` keeps nothing.
 *
 * @internal
 */
export class PassCache<K, V> {
  private map?: Map<K, V>;

  /** Runs `fn` with a fresh cache, restoring the previous one (if any) afterwards. */
  public run<T>(fn: () => T): T {
    const previous = this.map;
    this.map = new Map();
    try {
      return fn();
    } finally {
      this.map = previous;
    }
  }

  /** The value cached for `key` in the current pass. */
  public get(key: K): V | undefined {
    return this.map?.get(key);
  }

  /** Caches `value` for `key` in the current pass, if one is running. */
  public set(key: K, value: V): void {
    this.map?.set(key, value);
  }
}
