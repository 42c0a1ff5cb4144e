// Azurite (the Azure Storage emulator, a dev dependency) for tests: its blob service in a child process on
// 127.0.0.1, any free port, in memory, telemetry off (else it calls an Application Insights host). Started and
// stopped by the test that needs it; the port is read from the line Azurite prints once it listens.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const AZURITE_ACCOUNT = "devstoreaccount1";
/** Azurite's documented development key (public). */
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface Azurite {
  readonly blobEndpoint: string;
  readonly connectionString: string;
  stop(): Promise<void>;
}

const azuriteBlobMain = (): string => join(dirname(createRequire(import.meta.url).resolve("azurite/package.json")), "dist", "src", "blob", "main.js");

export async function startAzurite(): Promise<Azurite> {
  const workspace = mkdtempSync(join(tmpdir(), "azurite-"));
  const args = ["--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--disableTelemetry", "--silent", "--loose"];
  const child: ChildProcess = spawn(process.execPath, [azuriteBlobMain(), ...args], { cwd: workspace, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const blobEndpoint = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      const match = /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(`${match[1]}/${AZURITE_ACCOUNT}`);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`Azurite exited (${code}) before listening:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    blobEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobEndpoint};`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
