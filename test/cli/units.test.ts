// The CLI's pure parts, in process: argument splitting and parsing, tables, progress rendering, field → flag.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { numberFlag, parseCommand, splitCommand } from "../../src/cli/args.js";
import { commands, valueFlags } from "../../src/cli/commands.js";
import { flagForField } from "../../src/cli/field-flags.js";
import { details, Output, table } from "../../src/cli/output.js";
import { secretValues } from "../../src/cli/secrets.js";
import { createProgress } from "../../src/cli/progress.js";
import { UsageError } from "../../src/cli/usage-error.js";

const spec = (words: string): (typeof commands)[number] => {
  const found = commands.find((c) => c.words.join(" ") === words);
  assert.ok(found, words);
  return found;
};
const isGroup = (w: string): boolean => w === "sessions" || w === "conversions";

describe("argument parsing", () => {
  test("command words are found among flags and their values, wherever they stand", () => {
    assert.deepEqual(splitCommand(["--endpoint", "sessions", "--json", "sessions", "get", "x"], valueFlags, isGroup), {
      words: ["sessions", "get"],
      rest: ["--endpoint", "sessions", "--json", "x"],
    });
    assert.deepEqual(splitCommand(["token", "--json"], valueFlags, isGroup), { words: ["token"], rest: ["--json"] });
    assert.deepEqual(splitCommand(["sessions", "get", "--", "-x"], valueFlags, isGroup), { words: ["sessions", "get"], rest: ["--", "-x"] });
  });

  test("values, inline values, negative numbers and repeated flags", () => {
    const parsed = parseCommand(["s1", "--size=Premium", "--lease", "-5", "--wait"], spec("sessions create"));
    assert.deepEqual(parsed.args, { id: "s1" });
    assert.equal(parsed.flags.get("size"), "Premium");
    assert.equal(parsed.flags.get("lease"), "-5");
    assert.equal(parsed.flags.get("wait"), true);
    const emulator = parseCommand(["--account", "a:1", "--account", "b:2"], spec("emulator"));
    assert.deepEqual(emulator.flags.get("account"), ["a:1", "b:2"]);
  });

  test("mistakes are UsageErrors naming flag and rule", () => {
    const rule = (argv: string[], words: string): [string | undefined, string] => {
      try {
        parseCommand(argv, spec(words));
      } catch (e) {
        assert.ok(e instanceof UsageError);
        return [e.flag, e.rule];
      }
      assert.fail(`no error for ${argv.join(" ")}`);
    };
    assert.deepEqual(rule(["s1", "--lease", "5"], "sessions create"), ["--size", "required"]);
    assert.deepEqual(rule(["s1", "--size", "Standard", "--lease", "5", "--lease", "6"], "sessions create"), ["--lease", "maxItems"]);
    assert.deepEqual(rule(["s1", "--wait=yes"], "sessions wait"), ["--wait", "unknown"]);
    assert.deepEqual(rule(["s1", "--lease", "--json"], "sessions update"), ["--lease", "required"]);
    assert.deepEqual(rule([], "sessions get"), ["<id>", "required"]);
    assert.deepEqual(rule(["a", "b"], "sessions get"), [undefined, "maxItems"]);
    assert.deepEqual(rule(["--json=1"], "sessions list"), ["--json", "type"]);
    assert.equal(parseCommand(["--bogus", "-h"], spec("sessions list")).help, true);
  });

  test("numbers: type, bounds, fractions", () => {
    const parsed = parseCommand(["--port", "8080", "--startup-seconds", "0.5", "--seed", "1.5"], spec("emulator"));
    assert.equal(numberFlag(parsed, "port", { integer: true, minimum: 0, maximum: 65535 }), 8080);
    assert.equal(numberFlag(parsed, "startup-seconds", { exclusiveMinimum: 0 }), 0.5);
    assert.throws(() => numberFlag(parsed, "seed", { integer: true }), (e: unknown) => e instanceof UsageError && e.rule === "type");
    assert.throws(() => numberFlag(parsed, "port", { maximum: 80 }), (e: unknown) => e instanceof UsageError && e.rule === "maximum");
    assert.equal(numberFlag(parsed, "throttle", { integer: true }), undefined);
  });
});

describe("output", () => {
  test("tables pad every column but the last to its widest cell", () => {
    assert.equal(table(["ID", "STATUS", "X"], [["a-long-id", "Ready", "1"], ["b", "Starting", ""]]), "ID         STATUS    X\na-long-id  Ready     1\nb          Starting");
    assert.equal(details([["Session", "s"], ["Hostname", undefined], ["Handshake port", 50000]]), "Session:         s\nHandshake port:  50000");
  });

  test("whatever a server echoes, this invocation's secrets are scrubbed — but from the token asked for", () => {
    const written = { stdout: "", stderr: "" };
    const stream = (name: "stdout" | "stderr") => ({ write: (t: string) => (written[name] += t) });
    const parsed = parseCommand(["c1", "--input-container", "u", "--input-asset", "a", "--output-container", "o", "--input-sas", "sig=SECRET-SAS"], spec("conversions create"));
    const secrets = secretValues(parsed, spec("conversions create"), { ARR_ACCOUNT_KEY: "SECRET-KEY", ARR_ACCESS_TOKEN: "tiny" });
    assert.deepEqual(secrets, ["sig=SECRET-SAS", "SECRET-KEY"]);
    const out = new Output(false, { stdout: stream("stdout"), stderr: stream("stderr") }, secrets);
    out.result({}, () => "echo sig=SECRET-SAS");
    out.error({ summary: "bad SECRET-KEY", details: [], json: {} });
    out.result({}, () => "SECRET-KEY", true);
    assert.equal(written.stdout, "echo [REDACTED]\nSECRET-KEY\n");
    assert.equal(written.stderr, "arr: bad [REDACTED]\n");
  });

  test("client fields map to the flags that set them", () => {
    assert.equal(flagForField("maxLeaseTimeMinutes"), "--lease");
    assert.equal(flagForField("inputLocation.storageContainerUri"), "--input-container");
    assert.equal(flagForField("settings.outputLocation.blobPrefix"), "--output-prefix");
    assert.equal(flagForField("outputLocation.outputAssetFilename"), "--output-name");
    assert.equal(flagForField("sessionId"), "<id>");
    assert.equal(flagForField("accountDomain"), "--account-domain");
    assert.equal(flagForField("somethingElse"), "`somethingElse`");
  });
});

describe("progress", () => {
  const recorder = (): { write(t: string): void; text: string } => {
    const r = { text: "", write: (t: string) => void (r.text += t) };
    return r;
  };

  test("plain: one line per status change, with elapsed time", () => {
    let now = 0;
    const stream = recorder();
    const progress = createProgress("session s", { stream, tty: false, now: () => now });
    progress.update("Starting");
    now = 1500;
    progress.update("Starting");
    now = 65_000;
    progress.update("Ready");
    progress.stop();
    assert.equal(stream.text, "session s: Starting (0s)\nsession s: Ready (1m 05s)\n");
  });

  test("TTY: one line redrawn in place, left with the final status", () => {
    let now = 0;
    const stream = recorder();
    const progress = createProgress("session s", { stream, tty: true, now: () => now });
    progress.update("Starting");
    now = 3000;
    progress.update("Ready");
    progress.stop();
    assert.equal(stream.text.split("\n").length, 2, JSON.stringify(stream.text));
    assert.match(stream.text, /^\r\x1b\[2K\S+ session s: Starting \(0s\)\r\x1b\[2K\S+ session s: Ready \(3s\)\r\x1b\[2Ksession s: Ready after 3s\n$/);
  });
});
