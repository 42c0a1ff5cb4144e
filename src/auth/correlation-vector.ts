// A fresh correlation vector for the STS's X-MRC-CV header: 16 random bytes in base64, then ".0".

/** A new correlation vector such as `5lB3Gvq2Zk6Ea3bV9XoQ7A.0`. */
export function newCorrelationVector(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${btoa(String.fromCharCode(...bytes)).slice(0, 22)}.0`;
}
