// The banner lines of an https emulator, printed right after `Emulator listening on https://…`: where the CA
// is and how each kind of client is told to trust it (never by turning verification off), and the /etc/hosts
// line that lets an unchanged official SDK reach the emulator under the service's real names.
import type { EmulatorTls } from "./index.js";

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, "");
}

export function formatTlsBanner(url: string, tls: EmulatorTls): string[] {
  const lines: string[] = [];
  const ca = tls.caFile;
  if (ca === undefined) {
    lines.push("TLS with the certificate you gave: clients must trust the CA that issued it.");
  } else {
    lines.push(
      `TLS certificate signed by the emulator's development CA: ${ca}`,
      tls.persistent
        ? "  (kept in the data dir: trust it once; `arr emulator --print-ca --data-dir <dir>` prints it)"
        : "  (a new CA at each start: use --data-dir to keep one you trust)",
      "Trust that CA:",
      `  Node.js:  export NODE_EXTRA_CA_CERTS=${ca}   (arr and this package's client: --ca / ARR_CA_FILE / the ca option)`,
      `  Python:   export REQUESTS_CA_BUNDLE=${ca} SSL_CERT_FILE=${ca}`,
      `  .NET:     add it to the trusted roots: Linux: sudo cp ${ca} /usr/local/share/ca-certificates/arr-emulator.crt && sudo update-ca-certificates; Windows: certutil -user -addstore Root ${ca}`,
    );
  }
  const port = new URL(url).port || "443";
  lines.push(
    `Official SDKs call ${tls.serviceHosts.map((h) => `https://${h}`).join(", ")}${port === "443" ? "" : ` (start with --port 443 for them)`}; point those names here with this /etc/hosts line:`,
    `  ${hostOf(url)} ${tls.serviceHosts.join(" ")}`,
  );
  return lines;
}
