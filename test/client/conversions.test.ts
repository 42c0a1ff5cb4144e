// The conversion operations: create wraps the bare settings in { settings }; get and list return the service's answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startScriptedServer } from "../support/scripted-server.js";
import { clientFor, conversion, conversionPath, conversionSettings, conversionsPath } from "../support/arr-fixtures.js";

test("create sends PUT { settings } and returns the conversion", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server.enqueue("PUT", conversionPath("robot"), { status: 201, body: conversion("robot", "NotStarted") });
  const created = await client.conversions.create("robot", conversionSettings);
  assert.equal(created.status, "NotStarted");
  const [put] = server.requests;
  assert.equal(put?.method, "PUT");
  assert.equal(put?.query.get("api-version"), "2021-01-01");
  assert.deepEqual(put?.json(), { settings: conversionSettings });
});

test("get and list return conversions", async (t) => {
  const server = await startScriptedServer();
  t.after(() => server.close());
  const { client } = clientFor(server);
  server
    .enqueue("GET", conversionPath("robot"), { body: conversion("robot", "Running"), headers: { "retry-after": 5 } })
    .enqueue("GET", conversionsPath, { body: { conversions: [conversion("robot", "Running"), conversion("duck", "Succeeded")] } });
  assert.equal((await client.conversions.get("robot")).status, "Running");
  const ids: string[] = [];
  for await (const c of client.conversions.list()) ids.push(c.id);
  assert.deepEqual(ids, ["robot", "duck"]);
  assert.deepEqual(server.unmatched, []);
});
