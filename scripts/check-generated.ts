// Fails with a readable diff when generated/ is not what `npm run generate` would write from spec/ now.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate, root } from "./generate.js";

// An optional argument names the folder to check (tests use it to prove a stale folder is caught).
const committed = process.argv[2] ?? join(root, "generated");
const fresh = mkdtempSync(join(tmpdir(), "arr-generated-"));
try {
  await generate(fresh);
  const names = new Set([...readdirSync(fresh), ...(existsSync(committed) ? readdirSync(committed) : [])]);
  const stale = [...names].filter((name) => {
    const a = join(committed, name);
    const b = join(fresh, name);
    return !existsSync(a) || !existsSync(b) || readFileSync(a, "utf8") !== readFileSync(b, "utf8");
  });
  if (stale.length > 0) {
    let diff = "";
    try {
      execFileSync("git", ["diff", "--no-index", "--stat", "--", committed, fresh], { encoding: "utf8" });
    } catch (e) {
      diff += (e as { stdout?: string }).stdout ?? "";
    }
    try {
      execFileSync("git", ["diff", "--no-index", "-U2", "--", committed, fresh], { encoding: "utf8" });
    } catch (e) {
      diff += ((e as { stdout?: string }).stdout ?? "").split("\n").slice(0, 120).join("\n");
    }
    console.error(`generated/ is stale: ${stale.join(", ")} differ from what spec/ produces now.\n` +
      `Run \`npm run generate\` and commit the result.\n\n${diff}`);
    process.exitCode = 1;
  } else {
    console.log(`generated/ is fresh (${names.size} files checked)`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
