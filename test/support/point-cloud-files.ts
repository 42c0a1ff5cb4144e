// Point-cloud inputs written here byte by byte, never downloaded: PLY (ASCII and binary little-endian), XYZ
// and LAS public headers (1.2 with the legacy 32-bit count, 1.4 with the 64-bit one). Each maker takes the
// values it writes, so a test states its expectations from the same numbers.
export type Point = readonly [number, number, number];

export interface PlyFace {
  readonly indices: readonly number[];
}

/** An ASCII PLY with a comment, a colour per vertex and polygon faces. */
export function asciiPly(points: readonly Point[], faces: readonly PlyFace[]): Buffer {
  const lines = [
    "ply",
    "format ascii 1.0",
    "comment written by the point-cloud tests",
    `element vertex ${points.length}`,
    "property float x",
    "property float y",
    "property float z",
    "property uchar red",
    `element face ${faces.length}`,
    "property list uchar int vertex_indices",
    "end_header",
    ...points.map(([x, y, z], i) => `${x} ${y} ${z} ${i % 256}`),
    ...faces.map((f) => `${f.indices.length} ${f.indices.join(" ")}`),
  ];
  return Buffer.from(`${lines.join("\n")}\n`, "latin1");
}

/**
 * A binary little-endian PLY whose vertex has mixed types (double x, float y, short z, then a uchar
 * intensity), followed by triangle faces (`list uchar int`).
 */
export function binaryPly(points: readonly Point[], triangles: ReadonlyArray<readonly [number, number, number]>, endian = "binary_little_endian"): Buffer {
  const header = Buffer.from(
    [
      "ply",
      `format ${endian} 1.0`,
      `element vertex ${points.length}`,
      "property double x",
      "property float y",
      "property short z",
      "property uchar intensity",
      `element face ${triangles.length}`,
      "property list uchar int vertex_indices",
      "end_header",
      "",
    ].join("\n"),
    "latin1",
  );
  const body = Buffer.alloc(points.length * (8 + 4 + 2 + 1) + triangles.length * (1 + 3 * 4));
  let at = 0;
  for (const [x, y, z] of points) {
    at = body.writeDoubleLE(x, at);
    at = body.writeFloatLE(y, at);
    at = body.writeInt16LE(z, at);
    at = body.writeUInt8(200, at);
  }
  for (const triangle of triangles) {
    at = body.writeUInt8(3, at);
    for (const index of triangle) at = body.writeInt32LE(index, at);
  }
  return Buffer.concat([header, body]);
}

export interface LasHeader {
  readonly version: "1.2" | "1.4";
  /** Written to the legacy uint32 for 1.2; for 1.4 to the uint64 at byte 247, the legacy field left 0. */
  readonly points: bigint;
  readonly min: Point;
  readonly max: Point;
  readonly generator: string;
}

/** The public header block of a LAS file alone (no VLRs, no point records): 227 bytes for 1.2, 375 for 1.4. */
export function lasHeader(h: LasHeader): Buffer {
  const is14 = h.version === "1.4";
  const size = is14 ? 375 : 227;
  const b = Buffer.alloc(size);
  b.write("LASF", 0, "latin1");
  b.writeUInt8(1, 24);
  b.writeUInt8(is14 ? 4 : 2, 25);
  b.write("arr tests", 26, "latin1"); // system identifier
  b.write(h.generator, 58, "latin1"); // generating software
  b.writeUInt16LE(1, 90); // creation day of year
  b.writeUInt16LE(2026, 92);
  b.writeUInt16LE(size, 94); // header size
  b.writeUInt32LE(size, 96); // offset to point data
  b.writeUInt8(is14 ? 6 : 0, 104); // point data format
  b.writeUInt16LE(is14 ? 30 : 20, 105); // point record length
  b.writeUInt32LE(is14 ? 0 : Number(h.points), 107);
  for (let i = 0; i < 3; i++) {
    b.writeDoubleLE(0.001, 131 + 8 * i); // scale
    b.writeDoubleLE(0, 155 + 8 * i); // offset
    b.writeDoubleLE(h.max[i]!, 179 + 16 * i);
    b.writeDoubleLE(h.min[i]!, 187 + 16 * i);
  }
  if (is14) b.writeBigUInt64LE(h.points, 247);
  return b;
}
