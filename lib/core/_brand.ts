/**
 * Brands: how a class of this package recognizes its instances, also when they come from another copy of the package
 * (two versions in one `node_modules`), where `instanceof` fails. A brand is a `Symbol.for()` key, the same in every
 * copy, defined once on the class's prototype.
 */

/** The registry-wide symbol of the brand `name`. */
function brandSymbol(name: string): symbol {
  return Symbol.for(`cdk8s-platform.${name}`);
}

/** Gives every instance of `cls` the brand `name` (set once on its prototype, not enumerable). */
export function brand(cls: { prototype: object }, name: string): void {
  Object.defineProperty(cls.prototype, brandSymbol(name), { value: true });
}

/** Whether `x` carries the brand `name`. */
export function hasBrand(x: unknown, name: string): boolean {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && brandSymbol(name) in (x as object);
}
