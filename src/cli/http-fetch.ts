// A `fetch` for the client (its public `fetch` option) built on node:http/https. Why: on Node 20 the first
// call of the global fetch costs ~150–200 ms (undici compiles its WebAssembly HTTP parser), more than the whole
// rest of a one-shot command such as `arr sessions get`; node:http is already in the binary. The API needs no
// more than it offers: no redirects (the client asks for none), no streaming, JSON bodies of a few KiB.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

export async function httpFetch(input: Request, init?: RequestInit): Promise<Response> {
  const signal = init?.signal ?? input.signal;
  signal.throwIfAborted();
  const url = new URL(input.url);
  const body = input.body === null ? undefined : Buffer.from(await input.arrayBuffer());
  const headers: Record<string, string> = {};
  input.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== undefined) headers["content-length"] = String(body.length);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;

  const message = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = send(url, { method: input.method, headers, signal }, resolve);
    request.on("error", (error) => reject(signal.aborted ? signal.reason : error));
    request.end(body);
  });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    message.on("data", (chunk: Buffer) => chunks.push(chunk));
    message.on("end", resolve);
    message.on("error", (error) => reject(signal.aborted ? signal.reason : error));
    // 'close' before 'end' means the connection died mid-response: a reset, which the client may retry.
    message.on("close", () => {
      if (!message.complete) reject(signal.aborted ? signal.reason : new Error("socket hang up: the response was cut off"));
    });
  });

  const responseHeaders = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) {
    responseHeaders.append(message.rawHeaders[i] ?? "", message.rawHeaders[i + 1] ?? "");
  }
  const status = message.statusCode ?? 0;
  const empty = status === 204 || status === 205 || status === 304 || input.method === "HEAD";
  return new Response(empty ? null : Buffer.concat(chunks), { status, statusText: message.statusMessage ?? "", headers: responseHeaders });
}
