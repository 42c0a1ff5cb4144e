// Reads the public header block of a LAS file (ASPRS LAS 1.0–1.4) — and of a LAZ file, whose header is the
// same and only the point records are compressed. The header alone gives what info.json needs: the point count
// (legacy uint32 at byte 107; from LAS 1.4 the uint64 at byte 247, which is the one that holds counts above
// 2^32 and for point formats 6–10), the bounding box (min/max x, y, z at bytes 179–226, already scaled and
// offset), the version and the generating software. Point records are not read.
import type { PointCloudContents } from "./point-bounds.js";
import type { Vec3 } from "./model-statistics.js";

const LEGACY_HEADER_SIZE = 227;
const LAS_14_HEADER_SIZE = 375;

const text = (bytes: Uint8Array, start: number, length: number): string =>
  new TextDecoder("latin1").decode(bytes.subarray(start, start + length)).replace(/\0[\s\S]*$/, "").trim();

export function readLasHeader(bytes: Uint8Array, format: "LAS" | "LAZ"): PointCloudContents {
  if (bytes.byteLength < 4 || text(bytes, 0, 4) !== "LASF") throw new Error(`The file does not start with the ${format} signature "LASF".`);
  if (bytes.byteLength < LEGACY_HEADER_SIZE) throw new Error(`The ${format} header is truncated: ${bytes.byteLength} of at least ${LEGACY_HEADER_SIZE} bytes.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint8(24);
  const minor = view.getUint8(25);
  if (major !== 1 || minor > 4) throw new Error(`${format} version ${major}.${minor} is not one of 1.0–1.4.`);
  const headerSize = view.getUint16(94, true);
  if (headerSize < LEGACY_HEADER_SIZE || headerSize > bytes.byteLength) {
    throw new Error(`The ${format} header says it is ${headerSize} bytes long; the file has ${bytes.byteLength}.`);
  }

  let points = view.getUint32(107, true);
  if (minor >= 4) {
    if (headerSize < LAS_14_HEADER_SIZE) throw new Error(`A ${format} 1.4 header is ${LAS_14_HEADER_SIZE} bytes long; this one says ${headerSize}.`);
    const count = view.getBigUint64(247, true);
    if (count > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`The ${format} header counts ${count} points, more than can be converted.`);
    points = Number(count);
  }

  // Stored as max x, min x, max y, min y, max z, min z.
  const max: Vec3 = [view.getFloat64(179, true), view.getFloat64(195, true), view.getFloat64(211, true)];
  const min: Vec3 = [view.getFloat64(187, true), view.getFloat64(203, true), view.getFloat64(219, true)];
  const noPoints = points === 0;
  if (!noPoints && ![...min, ...max].every(Number.isFinite)) throw new Error(`The ${format} header's bounding box is not a finite box.`);
  if (!noPoints && min.some((lo, i) => lo > max[i]!)) throw new Error(`The ${format} header's bounding box has a minimum above its maximum.`);

  const generator = text(bytes, 58, 32);
  return {
    points,
    triangles: 0,
    bounds: noPoints ? { min: [0, 0, 0], max: [0, 0, 0] } : { min, max },
    formatVersion: `${major}.${minor}`,
    generator: generator === "" ? undefined : generator,
  };
}
