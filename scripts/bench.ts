// `npm run bench`: every figure measured side by side with its baseline in this one run, median of interleaved
// repetitions (min–max kept), printed as a table and written to bench/results.json.
// BENCH_QUICK=1 shortens every measurement (for a smoke run; the figures are then noisier).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { accountId, makeCalls, measureInterleaved, pairedRatio, sessionId } from "./bench/percall.js";
import { root, startServerProcess, timeNode } from "./bench/processes.js";
import { gzippedBundleBytes, sizeEntries } from "./bench/size.js";
import { load } from "./bench/throughput.js";
import { measureHttpsThroughput } from "./bench/https-throughput.js";
import { measurePolling } from "./bench/polling.js";
import { makeListings } from "./bench/listing.js";
import { processCpuMicros } from "./bench/process-cpu.js";
import { measureUpload } from "./bench/upload.js";
import { result, summarize, table, type BenchResult, type Summary } from "./bench/stats.js";

const quick = process.env["BENCH_QUICK"] === "1";
const repetitions = quick ? 5 : 7;
const results: BenchResult[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

async function perCall(): Promise<void> {
  const server = await startServerProcess(["--import", "tsx", "test/support/scripted-server.ts"]);
  try {
    const calls = makeCalls(server.url);
    for (const concurrency of [1, 16]) {
      log(`per-call CPU, concurrency ${concurrency}…`);
      const m = await measureInterleaved(calls, { repetitions, count: quick ? 500 : 2000, concurrency, warmup: 300 });
      const label = concurrency === 1 ? "sequential" : `concurrency ${concurrency}`;
      const ours = m["our client"]!;
      const azure = m["@azure/core-rest-pipeline"]!;
      const floor = m["node:http keep-alive"]!;
      const bare = m["bare openapi-fetch"]!;
      results.push(
        result(`per-call CPU, our client (${label})`, ours, "µs", "@azure/core-rest-pipeline", azure, 1.0, { ratio: pairedRatio(ours.perRound, azure.perRound) }),
        // The moonshot: within 1.5× of the floor, node:http with no client at all.
        result(`per-call CPU, our client vs raw node:http (${label})`, ours, "µs", "node:http keep-alive", floor, 1.5, { ratio: pairedRatio(ours.perRound, floor.perRound) }),
      );
      for (const other of ["our client on the global fetch", "raw fetch", "@azure/core-rest-pipeline", "node:http keep-alive"]) {
        results.push(
          result(`per-call CPU, ${other} (${label})`, m[other]!, "µs", "bare openapi-fetch", bare, null, {
            ratio: pairedRatio(m[other]!.perRound, bare.perRound),
          }),
        );
      }
    }
  } finally {
    await server.stop();
  }
}

async function listing(): Promise<void> {
  const total = 10_000;
  const server = await startServerProcess(["--import", "tsx", "scripts/bench/list-server.ts", String(total)]);
  try {
    log(`sessions.list() over ${total} sessions…`);
    const m = await measureInterleaved(makeListings(server.url, total), { repetitions: quick ? 3 : 5, count: 1, concurrency: 1, warmup: 2 });
    const ms = (x: Summary & { perRound: number[] }) => ({ ...summarize(x.perRound.map((v) => v / 1000)), perRound: x.perRound });
    const ours = ms(m["our client"]!);
    for (const other of ["@azure/core-rest-pipeline", "node:http keep-alive"]) {
      const base = ms(m[other]!);
      results.push(result(`listing CPU, sessions.list() over ${total} sessions vs ${other}`, ours, "ms", other, base, null, { ratio: pairedRatio(ours.perRound, base.perRound) }));
    }
  } finally {
    await server.stop();
  }
}

async function startup(): Promise<void> {
  log("startup…");
  const cli = join(root, "dist/src/cli/main.js");
  const server = await startServerProcess(["--import", "tsx", "test/support/scripted-server.ts"]);
  try {
    const env = { ...process.env, ARR_ENDPOINT: server.url, ARR_ACCOUNT_ID: accountId, ARR_ACCOUNT_DOMAIN: "eastus.mixedreality.azure.com", ARR_ACCESS_TOKEN: "bench-token" };
    const commands: Record<string, string[]> = {
      "node -e 0": ["-e", "0"],
      "arr --version": [cli, "--version"],
      "import the package": ["--input-type=module", "-e", "await import('remote-rendering-client')"],
      "arr sessions get": [cli, "sessions", "get", sessionId],
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (const args of Object.values(commands)) timeNode(args, env); // warm the file cache
    for (let round = 0; round < repetitions * 2; round++) {
      for (const [name, args] of Object.entries(commands)) samples[name]!.push(timeNode(args, env));
    }
    const base = summarize(samples["node -e 0"]!);
    const ratioTo = (name: string) => pairedRatio(samples[name]!, samples["node -e 0"]!);
    results.push(result("startup, arr --version", summarize(samples["arr --version"]!), "ms", "node -e 0", base, 1.6, { ratio: ratioTo("arr --version") }));
    results.push(result("startup, import the package", summarize(samples["import the package"]!), "ms", "node -e 0", base, 1.5, { ratio: ratioTo("import the package") }));
    results.push(result("startup, arr sessions get (first response)", summarize(samples["arr sessions get"]!), "ms", "node -e 0", base, 2.0, { ratio: ratioTo("arr sessions get") }));
  } finally {
    await server.stop();
  }
}

async function size(): Promise<void> {
  log("bundle size…");
  const bytes = async (source: string): Promise<Summary> => summarize([await gzippedBundleBytes(source)]);
  const ours = await bytes(sizeEntries.ours);
  const bare = await bytes(sizeEntries.openapiFetch);
  const azure = await bytes(sizeEntries.azureStack);
  results.push(result("browser bundle (min+gzip), our client vs openapi-fetch", ours, "B", "bare openapi-fetch", bare, 2));
  results.push(result("browser bundle (min+gzip), our client vs the Azure stack", ours, "B", "@azure/core-client + core-rest-pipeline + core-lro", azure, 0.5));
}

async function throughput(): Promise<void> {
  const seconds = quick ? 3 : 10;
  const emulator = await startServerProcess([join(root, "dist/src/cli/main.js"), "emulator", "--port", "0", "--startup-seconds", "0"]);
  const bare = await startServerProcess(["--import", "tsx", "test/support/scripted-server.ts"]);
  try {
    const { DEVELOPMENT_ACCOUNT_ID, DEVELOPMENT_ACCOUNT_KEY } = await import("../src/emulator/index.js");
    const token = await fetch(`${emulator.url}/Accounts/${DEVELOPMENT_ACCOUNT_ID}/token?api-version=2019-02-28-preview`, {
      headers: { Authorization: `Bearer ${DEVELOPMENT_ACCOUNT_ID}:${DEVELOPMENT_ACCOUNT_KEY}` },
    }).then((r) => r.json() as Promise<{ AccessToken: string }>);
    const headers = { Authorization: `Bearer ${token.AccessToken}` };
    const path = `/accounts/${DEVELOPMENT_ACCOUNT_ID}/sessions/${sessionId}?api-version=2021-01-01`;
    const created = await fetch(`${emulator.url}${path}`, {
      method: "PUT",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ size: "Standard", maxLeaseTimeMinutes: 60 }),
    });
    if (created.status !== 201) throw new Error(`creating the benchmark session answered ${created.status}`);
    const ours: number[] = [];
    const theirs: number[] = [];
    const oursCpu: number[] = [];
    const theirsCpu: number[] = [];
    const cpuPerRequest = async (server: { process: { pid?: number | undefined } }, url: string) => {
      const before = processCpuMicros(server.process.pid!);
      const figures = await load(url, headers, seconds, 64);
      const after = processCpuMicros(server.process.pid!);
      return { figures, cpu: before === undefined || after === undefined ? NaN : (after - before) / figures.requests };
    };
    const oursP99: number[] = [];
    const theirsP99: number[] = [];
    const rounds = quick ? 2 : 5;
    for (let round = 0; round < rounds; round++) {
      log(`emulator throughput, round ${round + 1}/${rounds}…`);
      const { figures: a, cpu: aCpu } = await cpuPerRequest(emulator, `${emulator.url}${path}`);
      const { figures: b, cpu: bCpu } = await cpuPerRequest(bare, `${bare.url}${path}`);
      oursCpu.push(aCpu);
      theirsCpu.push(bCpu);
      if (a.non2xx || a.errors) throw new Error(`the emulator answered ${a.non2xx} non-2xx and ${a.errors} errors under load`);
      ours.push(a.requestsPerSecond);
      theirs.push(b.requestsPerSecond);
      oursP99.push(a.p99Ms);
      theirsP99.push(b.p99Ms);
    }
    results.push(result("emulator throughput, authenticated GET session (64 connections)", summarize(ours), "req/s", "bare node:http fixed body", summarize(theirs), 0.5, { higherIsBetter: true, ratio: pairedRatio(ours, theirs) }));
    results.push(result("emulator CPU per request, authenticated GET session", summarize(oursCpu), "µs", "bare node:http fixed body", summarize(theirsCpu), null, { ratio: pairedRatio(oursCpu, theirsCpu) }));
    results.push(result("emulator p99 latency (64 connections)", summarize(oursP99), "ms", "bare node:http fixed body", summarize(theirsP99), null, { ratio: pairedRatio(oursP99, theirsP99) }));
  } finally {
    await Promise.all([emulator.stop(), bare.stop()]);
  }
}

async function httpsThroughput(): Promise<void> {
  const m = await measureHttpsThroughput({ seconds: quick ? 3 : 10, rounds: quick ? 2 : 5, sessionId, log });
  results.push(
    result("emulator throughput over https, authenticated GET session (64 keep-alive connections)", summarize(m.emulator), "req/s", "bare node:https fixed body", summarize(m.bare), 0.5, {
      higherIsBetter: true,
      ratio: pairedRatio(m.emulator, m.bare),
    }),
  );
}

async function polling(): Promise<void> {
  log("polling waitUntilReady (startup 5 s, throttle 5)…");
  const figures = await measurePolling();
  const one = (v: number) => summarize([v]);
  results.push(result("polling: GETs made until Ready", one(figures.gets), "requests", "startup time / default interval", one(figures.expectedGets), null, { note: `${figures.intervalMs} ms interval` }));
  results.push({ ...result("polling: 429s seen", one(figures.throttled), "responses", "target 0", one(0), null), ratio: figures.throttled, target: 0, met: figures.throttled === 0 });
  results.push(result("polling: delay between Ready and its detection", one(figures.detectionDelayMs), "ms", "one polling interval", one(figures.intervalMs), 1));
}

async function upload(): Promise<void> {
  const figures = await measureUpload(quick ? 3 : 5, log);
  const note = `${figures.files} files, ${(figures.bytes / 1024 / 1024).toFixed(1)} MB, 8 at a time`;
  const ours = summarize(figures.ours);
  results.push(
    result("upload to Azurite, arr's uploadFiles", ours, "ms", "@azure/storage-blob uploadFile, same files and parallelism", summarize(figures.baseline), 1.1, {
      ratio: pairedRatio(figures.ours, figures.baseline),
      note,
    }),
  );
  results.push(
    result("upload to Azurite, second unchanged upload", summarize(figures.second), "ms", "the first upload (ours)", ours, 0.1, {
      ratio: pairedRatio(figures.second, figures.ours),
      note: "nothing sent: MD5s match",
    }),
  );
}

const only = process.argv.slice(2);
const steps: Record<string, () => Promise<void>> = { perCall, listing, startup, size, throughput, httpsThroughput, polling, upload };
for (const [name, step] of Object.entries(steps)) {
  if (only.length && !only.includes(name)) continue;
  await step();
}
console.log(table(results));
const missed = results.filter((r) => !r.met);
console.log(missed.length ? `\nTargets missed: ${missed.map((r) => r.name).join("; ")}` : "\nEvery target met.");
mkdirSync(join(root, "bench"), { recursive: true });
writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote bench/results.json (${results.length} figures)`);
