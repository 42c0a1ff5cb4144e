// The TLS front of the emulator. One TCP listener looks at the first byte of each connection: a TLS handshake
// (0x16) goes through node:tls and the decrypted stream is handed to the emulator's plain HTTP server as a new
// connection, so that server neither knows nor cares that it is behind TLS (exactly what node:https does
// inside). Plain HTTP sent to this port — an `http://` URL by mistake — gets a 400 saying the server speaks
// https, instead of the bare connection reset a TLS server would give.
import type { Server as HttpServer } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { errorReply } from "../reply.js";
import type { PemPair } from "./certificates.js";

const TLS_HANDSHAKE = 0x16;

/** The listening side, whatever sits behind it. */
export interface Listener {
  listen(port: number, host: string): Promise<void>;
  port(): number;
  /** Stops accepting and ends every connection, open or half-way through a handshake. */
  close(): Promise<void>;
}

/** A plain HTTP listener: the emulator's server itself. */
export function plainListener(http: HttpServer): Listener {
  return {
    listen: (port, host) => listenOn(http, port, host),
    port: () => (http.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}

function listenOn(server: NetServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** The answer to plain HTTP on the TLS port: an `error_response` naming the https URL to use. */
function speaksHttps(url: () => string): string {
  const reply = errorReply(
    400,
    "BadRequest",
    `The server speaks https: this port accepts TLS only. Use ${url()} instead of http:// (trust the emulator's CA to connect).`,
  );
  const body = reply.body ?? "";
  return (
    "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n" +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

export function tlsListener(http: HttpServer, server: PemPair, options: { url: () => string; log: (line: string) => void }): Listener {
  const tls = createTlsServer({ cert: server.cert, key: server.key, ALPNProtocols: ["http/1.1"] });
  tls.on("secureConnection", (socket) => http.emit("connection", socket));
  tls.on("tlsClientError", (error: NodeJS.ErrnoException, socket) => {
    socket.destroy();
    // A client that does not trust the CA ends the handshake with an alert: say what to do about it.
    if (/alert|certificate/i.test(error.message)) {
      options.log(`TLS handshake refused by a client (${error.code ?? error.message}): does it trust the emulator's CA?`);
    }
  });
  const sockets = new Set<Socket>();
  const net = createNetServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("readable", () => {
      const first: Buffer | null = socket.read();
      if (first === null) return void socket.destroy(); // closed before saying anything
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE || !/[A-Z]/.test(String.fromCharCode(first[0] ?? 0))) {
        tls.emit("connection", socket);
        return;
      }
      // Plain HTTP (a request line begins with a method in capitals): answer and close; what the client still
      // sends is read and dropped so that the answer is not lost to a reset.
      socket.resume();
      socket.end(speaksHttps(options.url));
    });
  });
  return {
    listen: (port, host) => listenOn(net, port, host),
    port: () => (net.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => net.close(() => resolve()));
      http.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
