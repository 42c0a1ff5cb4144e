// Where arr keeps what it can always rebuild (today: the upload's hash index): the per-user cache directory of the
// platform, never a user's model folder. ARR_CACHE_DIR overrides it (tests, CI, read-only homes).
import { homedir } from "node:os";
import { join } from "node:path";

const APP = "remote-rendering-client";

/** `ARR_CACHE_DIR`, else `$XDG_CACHE_HOME/remote-rendering-client`, `~/.cache/…` (Linux), `~/Library/Caches/…` (macOS), `%LOCALAPPDATA%\…` (Windows). */
export function defaultCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const explicit = env["ARR_CACHE_DIR"];
  if (explicit) return explicit;
  if (platform === "win32") return join(env["LOCALAPPDATA"] || join(home, "AppData", "Local"), APP, "Cache");
  if (platform === "darwin") return join(home, "Library", "Caches", APP);
  const xdg = env["XDG_CACHE_HOME"];
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and must be ignored.
  return join(xdg && xdg.startsWith("/") ? xdg : join(home, ".cache"), APP);
}
