// client.raw answers keep usable types for the open enumerations (any string may come from the service).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRemoteRenderingClient } from "../../src/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T): T => value;

test("raw GET of a session types size and status as strings, hostname as nullable", () => {
  const client = createRemoteRenderingClient({
    endpoint: "http://127.0.0.1:1",
    accountId: "30ea64bd-100f-4bf0-adc9-29fa45d4880c",
    credential: { accessToken: "t" },
  });
  const read = async () => {
    const { data } = await client.raw.GET("/accounts/{account_id}/sessions/{session_id}", {
      params: { path: { account_id: "a", session_id: "s" } },
    });
    return data;
  };
  type Data = NonNullable<Awaited<ReturnType<typeof read>>>;
  assertType<Equals<Data["size"], string>>(true);
  assertType<Equals<Data["status"], string>>(true);
  assertType<Equals<Data["hostname"], string | null | undefined>>(true);
  const size: string = ({ size: "Tiny" } as Pick<Data, "size">).size;
  assert.equal(size, "Tiny");
});
