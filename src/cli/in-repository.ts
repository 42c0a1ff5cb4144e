// Whether `arr` runs from a checkout of this repository (its tests are there) rather than from an installed
// package: advice such as "run npm test" makes sense only in the former.
import { existsSync } from "node:fs";

export function inRepository(): boolean {
  // src/cli (tsx) or dist/src/cli (compiled): the package root is two or three levels up.
  return ["../../", "../../../"].some(
    (up) => existsSync(new URL(`${up}package.json`, import.meta.url)) && existsSync(new URL(`${up}test/cli`, import.meta.url)),
  );
}
