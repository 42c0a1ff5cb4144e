// Reads an XYZ point cloud: text, one point a line, `x y z` first (spaces, tabs, commas or semicolons between),
// more columns (colour, intensity, normals) allowed and not read. Blank lines are skipped; any other line whose
// first three columns are not numbers makes the file invalid (the conversion then fails with error 2007).
import { BoundsAccumulator, type PointCloudContents } from "./point-bounds.js";

const SEPARATORS = /[\s,;]+/;

export function readXyz(bytes: Uint8Array): PointCloudContents {
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
  const bounds = new BoundsAccumulator();
  let points = 0;
  let lineNumber = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    lineNumber++;
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const columns = trimmed.split(SEPARATORS, 3);
    const [x, y, z] = columns.map((column) => (column === "" ? NaN : Number(column)));
    if (x === undefined || y === undefined || z === undefined || ![x, y, z].every(Number.isFinite)) {
      const shown = trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
      throw new Error(`Line ${lineNumber} of the XYZ file is not a point "x y z": "${shown}".`);
    }
    bounds.add(x, y, z);
    points++;
  }
  if (points === 0) throw new Error("The XYZ file holds no points.");
  return { points, triangles: 0, bounds: bounds.bounds(), formatVersion: undefined, generator: undefined };
}
