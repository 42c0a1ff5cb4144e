// Reading a JSON request body: content type (415), size (413), UTF-8 and JSON syntax (400), each an
// error_response. Bodies beyond the limit are drained, not kept, so the connection stays usable.
import type { IncomingMessage } from "node:http";
import { replies, type Reply } from "./reply.js";

/** The largest request body the emulator accepts, in bytes; a larger one is answered 413. */
export const BODY_LIMIT = 64 * 1024;
// Past this much, a client that keeps sending is cut off instead of drained.
const DRAIN_LIMIT = 16 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export type BodyResult = { readonly value: unknown } | { readonly reply: Reply } | { readonly aborted: true };

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(";");
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() === "application/json";
}

/** Checks what the headers alone decide: a reply when the request is refused before reading. */
export function checkBodyHeaders(req: IncomingMessage): Reply | undefined {
  const length = req.headers["content-length"];
  const hasBody = (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody) return replies.bodyRequired();
  if (!isJson(req.headers["content-type"])) return replies.unsupportedMediaType();
  if (length !== undefined && Number(length) > BODY_LIMIT) {
    // Refused before reading; a body too large to drain is not waited for: the connection closes instead.
    const reply = replies.payloadTooLarge(BODY_LIMIT);
    return Number(length) > DRAIN_LIMIT ? { ...reply, headers: { Connection: "close" } } : reply;
  }
  return undefined;
}

/** Reads and parses the body (after `checkBodyHeaders` passed). */
export function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        req.destroy();
        return;
      }
      if (size > BODY_LIMIT) {
        chunks.length = 0;
        settle({ reply: replies.payloadTooLarge(BODY_LIMIT) });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (settled) return;
      if (size === 0) return settle({ reply: replies.bodyRequired() });
      try {
        settle({ value: JSON.parse(utf8.decode(Buffer.concat(chunks, size))) });
      } catch {
        settle({ reply: replies.malformedJson() });
      }
    });
    req.on("error", () => settle({ aborted: true }));
    req.on("close", () => settle({ aborted: true }));
  });
}
