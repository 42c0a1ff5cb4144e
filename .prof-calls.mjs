import { createRemoteRenderingClient } from "remote-rendering-client";
const c = createRemoteRenderingClient({ endpoint: process.env.EP, accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c", accountDomain: "eastus.mixedreality.azure.com", credential: { accessToken: "bench-token" } });
for (let i = 0; i < 3000; i++) await c.sessions.get("bench-session");
const t = process.cpuUsage();
for (let i = 0; i < 20000; i++) await c.sessions.get("bench-session");
const u = process.cpuUsage(t); console.log("cpu µs/call", ((u.user + u.system) / 20000).toFixed(1));
c.close();
