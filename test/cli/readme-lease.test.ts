// Runs the README's lease and fallback block (the ```sh block after the `cli-lease` marker) with bash, `arr` being
// the CLI, against an emulator serving eastus and westeurope with one Standard server each.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { readmeBlockAfter, runReadmeBlock } from "./readme-blocks.js";
import { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY, root } from "./support.js";

const MARKER = "<!-- cli-lease";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ regions: ["eastus", "westeurope"], capacity: [{ size: "Standard", max: 1 }], startupSeconds: 0 });
});
after(async () => {
  await emulator.close();
});

test("the README's lease and fallback block runs against a two-region emulator", async () => {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ARR_"))),
    EASTUS: emulator.url,
    WESTEUROPE: emulator.regions[1]?.url ?? "",
    ARR_STS_ENDPOINT: emulator.url,
    ARR_ACCOUNT_ID: DEVELOPMENT_ACCOUNT_ID,
    ARR_ACCOUNT_KEY: DEVELOPMENT_ACCOUNT_KEY,
  };
  const { code, stdout, stderr, dump } = await runReadmeBlock(readmeBlockAfter(MARKER), { cwd: root, env });
  assert.equal(code, 0, dump);
  assert.match(stderr, /session robot: Ready at http:\/\/127\.0\.0\.1:\d+ \(Standard\) after 2 attempt/, dump);
  assert.match(stdout, /^Hostname:\s+\S+\.remoterendering\.vm\.westeurope\./m, dump);
  assert.match(stdout, /^Lease:\s+45 min/m, dump);
  assert.match(stdout, /^exit code 2$/m, dump);
  assert.match(stdout, /Stopped session 'robot'/, dump);
});
