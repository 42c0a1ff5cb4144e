// `npm run test:repeat`: runs files N times in a row and counts the failed runs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { allTestFiles, parseRepeatArgs, repeat } from "../../scripts/test-repeat.js";

const fixture = (name: string) => `test/scripts/fixtures/${name}.fixture.ts`;

describe("test:repeat", () => {
  test("counts every run of a passing file as passed", async () => {
    const lines: string[] = [];
    assert.equal(await repeat({ files: [fixture("passes")], times: 2 }, (line) => lines.push(line)), 0);
    assert.match(lines[0] ?? "", /^run 1\/2 of test\/scripts\/fixtures\/passes\.fixture\.ts: pass in \d+\.\d s$/);
    assert.equal(lines.at(-1), "2 runs passed, 0 failed");
  });

  test("counts failing runs and keeps their output", async () => {
    const lines: string[] = [];
    assert.equal(await repeat({ files: [fixture("fails")], times: 2 }, (line) => lines.push(line)), 2);
    assert.match(lines[1] ?? "", /^run 2\/2 of .*: FAIL \(output in .*run-2\.log\)/);
    assert.equal(lines.at(-1), "0 runs passed, 2 failed");
  });

  test("reads <file...> <times>, with `all` for every test file", () => {
    assert.deepEqual(parseRepeatArgs([fixture("passes"), "20"]), { files: [fixture("passes")], times: 20 });
    const all = parseRepeatArgs(["all", "5"]);
    assert.deepEqual(all.files, allTestFiles());
    assert.ok(all.files.includes("test/scripts/test-repeat.test.ts"));
    assert.ok(!all.files.some((file) => file.includes(".fixture.")));
    assert.throws(() => parseRepeatArgs([fixture("passes")]), /usage: npm run test:repeat -- <test file\.\.\.\|all> <times>/);
    assert.throws(() => parseRepeatArgs([fixture("passes"), "0"]), /times: a whole number ≥ 1/);
    assert.throws(() => parseRepeatArgs(["test/nope.test.ts", "3"]), /no file test\/nope\.test\.ts/);
  });
});
