// `arr demo` run from an installed package (here: the built CLI in a folder laid out like the package, without
// the repository's tests) does not suggest `npm test`, which only makes sense in a checkout.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inRepository } from "../../src/cli/in-repository.js";
import { arr, show } from "./support.js";

test("in the checkout, the source knows it is in the repository", () => {
  assert.equal(inRepository(), true);
});

test("arr demo outside the repository ends without suggesting npm test", async () => {
  const run = await arr(["demo"], {}, { timeoutMs: 40_000 });
  assert.equal(run.code, 0, show(run));
  assert.match(run.stdout, /Done in \d+s; the emulator is closed\. Next: 'arr emulator' and 'arr --help'\./);
  assert.ok(!run.stdout.includes("npm test"), show(run));
});
