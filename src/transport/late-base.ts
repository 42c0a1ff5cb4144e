// On Node, fetch's classes are lazy globals: the first touch of `Request`, `Response` or `Headers` loads undici (~10 ms, a
// good part of what importing this package would cost). A class of ours that extends one of them therefore starts
// from a placeholder and is linked to the real global when its first instance is made — `super()` calls whatever
// the class's prototype is at that moment. In a browser the globals are plain; linking costs nothing more.

type GlobalBase = "Request" | "Response" | "Headers";

/** A stand-in base class, to be linked with `linkToGlobal` before the first `super()` call. */
export function placeholderFor<T extends GlobalBase>(name: T): (typeof globalThis)[T] {
  const placeholder = function () {
    throw new TypeError(`${name} subclass used before linkToGlobal`);
  };
  return placeholder as unknown as (typeof globalThis)[T];
}

/** Makes `subclass` extend the global `name`; called by each constructor, it is one prototype check after the first. */
export function linkToGlobal(subclass: abstract new (...args: never[]) => object, name: GlobalBase): void {
  const base = globalThis[name];
  if (Object.getPrototypeOf(subclass) === base) return;
  Object.setPrototypeOf(subclass, base);
  Object.setPrototypeOf(subclass.prototype, base.prototype);
}
