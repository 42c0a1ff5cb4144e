// The package version, read from package.json at run time (not imported, so nothing but node:fs is loaded for
// `arr --version`). The bin runs both from src/cli (tsx) and from dist/src/cli (compiled): try both depths.
import { readFileSync } from "node:fs";

export function packageVersion(): string {
  for (const relative of ["../../package.json", "../../../package.json"]) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"));
      if (typeof parsed === "object" && parsed !== null && "name" in parsed && parsed.name === "remote-rendering-client") {
        return "version" in parsed && typeof parsed.version === "string" ? parsed.version : "unknown";
      }
    } catch {
      // Not at this depth; try the next.
    }
  }
  return "unknown";
}
