// What to do about a TLS failure, added to the message of the NetworkError it causes: a certificate the client
// does not trust (the https emulator's development CA, typically) or one that does not name the host. The advice
// is always to trust the CA — there is no switch that turns verification off.

// OpenSSL's verification codes for "no trusted CA signed this", as Node reports them.
const untrusted = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
]);

const TRUST =
  "If this is the local emulator (arr emulator --https), trust its CA: the client's `ca` option, arr's --ca <file> or " +
  "ARR_CA_FILE, or NODE_EXTRA_CA_CERTS=<file> (the emulator's banner names the file; " +
  "`arr emulator --print-ca --data-dir <dir>` prints it)";

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Advice for a TLS verification failure anywhere in `error`'s causes, or undefined for any other failure. */
export function tlsAdvice(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = codeOf(e);
    if (code === undefined) continue;
    if (untrusted.has(code)) return `the server's certificate is not signed by a CA this client trusts (${code}). ${TRUST}.`;
    if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
      return (
        `the server's certificate does not name this host (${code}). Use a name it lists — the emulator's are ` +
        "localhost, 127.0.0.1, ::1, its --host and sts./remoterendering.<region>.mixedreality.azure.com."
      );
    }
    if (code === "CERT_HAS_EXPIRED") return `the server's certificate has expired (${code}).`;
  }
  return undefined;
}
