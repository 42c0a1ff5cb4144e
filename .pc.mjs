import http from "node:http";
import { createRemoteRenderingClient } from "remote-rendering-client";
const ep = process.env.EP;
const c = createRemoteRenderingClient({ endpoint: ep, accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c", accountDomain: "eastus.mixedreality.azure.com", credential: { accessToken: "bench-token" } });
const agent = new http.Agent({ keepAlive: true });
const target = new URL(`${ep}/accounts/30ea64bd-100f-4bf0-adc9-29fa45d4880c/sessions/bench-session?api-version=2021-01-01`);
const raw = () => new Promise((res, rej) => { const r = http.request(target, { agent, headers: { Authorization: "Bearer bench-token" } }, (m) => { const ch = []; m.on("data", (x) => ch.push(x)); m.on("end", () => res(JSON.parse(Buffer.concat(ch).toString()))); }); r.on("error", rej); r.end(); });
const ours = () => c.sessions.get("bench-session");
async function cpu(f, n) { const t = process.cpuUsage(); for (let i = 0; i < n; i++) await f(); const u = process.cpuUsage(t); return (u.user + u.system) / n; }
await cpu(ours, 1000); await cpu(raw, 1000);
const r = [];
for (let k = 0; k < 6; k++) { const a = await cpu(ours, 2000); const b = await cpu(raw, 2000); r.push(a / b); console.log(a.toFixed(0), b.toFixed(0), (a / b).toFixed(2)); }
r.sort(); console.log("median ratio", r[3].toFixed(2));
c.close(); agent.destroy();
