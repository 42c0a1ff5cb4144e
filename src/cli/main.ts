#!/usr/bin/env node
// The `arr` bin. `arr --version` is answered with nothing but node:fs loaded (the startup benchmark compares it
// with `node -e 0`); everything else is handed to dispatch.ts, which loads only what the command needs.
import { packageVersion } from "./version.js";

/** Exits once what was written has been handed to the OS (stdout may be an asynchronous pipe). */
function exit(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

// `arr … | head` closes stdout early; that is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
});

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === "--version") {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  import("./dispatch.js")
    .then(({ main }) => main(argv))
    .then(exit, (error: unknown) => {
      // Our bug, not the user's: say so plainly, without dumping objects that could hold request details.
      process.stderr.write(`arr: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      exit(1);
    });
}
