// The emulator's watch of the process that started it, driven by hand: no real waits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { watchParent } from "../../src/cli/parent-watch.js";

function manualTicker() {
  let check: (() => void) | undefined;
  let stopped = false;
  return {
    every: (fn: () => void) => {
      check = fn;
      return { stop: () => void (stopped = true) };
    },
    tick: () => check?.(),
    get stopped() {
      return stopped;
    },
  };
}

test("calls onGone once when the parent PID changes, and stops checking", () => {
  const ticker = manualTicker();
  let ppid = 4242;
  let gone = 0;
  const watch = watchParent({ initial: 4242, current: () => ppid, every: ticker.every, onGone: () => gone++ });
  assert.ok(watch);
  ticker.tick();
  assert.equal(gone, 0, "same parent: nothing happens");
  ppid = 1; // reparented to init: the parent is gone
  ticker.tick();
  ticker.tick();
  assert.equal(gone, 1);
  assert.ok(ticker.stopped);
});

test("no watch when the parent was PID 1 (a container's init); stop() ends a watch", () => {
  const ticker = manualTicker();
  assert.equal(watchParent({ initial: 1, current: () => 7, every: ticker.every, onGone: () => assert.fail("must not fire") }), undefined);
  let ppid = 10;
  const watch = watchParent({ initial: 10, current: () => ppid, every: ticker.every, onGone: () => assert.fail("stopped") });
  watch?.stop();
  ppid = 1;
  ticker.tick();
  assert.ok(ticker.stopped);
});
