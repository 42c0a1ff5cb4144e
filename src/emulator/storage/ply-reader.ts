// Reads a PLY file (the Stanford polygon format) far enough for info.json: the header's elements and
// properties, then every element's values in order (so a truncated body is found), counting the vertices, the
// faces' triangles and the vertices' bounding box. ASCII and binary little-endian are read; binary big-endian
// is refused, since the service documented PLY as binary little-endian. Any defect throws an Error whose
// message says what is wrong (the conversion then fails with result.json error 2007).
import { BoundsAccumulator, type PointCloudContents } from "./point-bounds.js";

interface ScalarType {
  readonly size: number;
  readonly integer: boolean;
  read(view: DataView, offset: number): number;
}

const LE = true;
const int8: ScalarType = { size: 1, integer: true, read: (v, o) => v.getInt8(o) };
const uint8: ScalarType = { size: 1, integer: true, read: (v, o) => v.getUint8(o) };
const int16: ScalarType = { size: 2, integer: true, read: (v, o) => v.getInt16(o, LE) };
const uint16: ScalarType = { size: 2, integer: true, read: (v, o) => v.getUint16(o, LE) };
const int32: ScalarType = { size: 4, integer: true, read: (v, o) => v.getInt32(o, LE) };
const uint32: ScalarType = { size: 4, integer: true, read: (v, o) => v.getUint32(o, LE) };
const float32: ScalarType = { size: 4, integer: false, read: (v, o) => v.getFloat32(o, LE) };
const float64: ScalarType = { size: 8, integer: false, read: (v, o) => v.getFloat64(o, LE) };

/** The PLY spec's type names and the sized aliases most writers use. */
const TYPES: Readonly<Record<string, ScalarType>> = {
  char: int8, uchar: uint8, short: int16, ushort: uint16, int: int32, uint: uint32, float: float32, double: float64,
  int8, uint8, int16, uint16, int32, uint32, float32, float64,
};

interface Property {
  readonly name: string;
  readonly type: ScalarType;
  /** Set for `property list <count type> <item type> <name>`: the type of the item count. */
  readonly countType: ScalarType | undefined;
}

interface Element {
  readonly name: string;
  readonly count: number;
  readonly properties: Property[];
}

interface Header {
  readonly format: "ascii" | "binary_little_endian";
  readonly version: string;
  readonly elements: readonly Element[];
  /** Byte offset of the body. */
  readonly bodyStart: number;
}

/** Headers are a few hundred bytes; this bounds the search for `end_header` in a file that is not PLY. */
const MAX_HEADER_BYTES = 1 << 20;

const clip = (line: string): string => (line.length > 80 ? `${line.slice(0, 80)}…` : line);

function typeNamed(name: string | undefined, line: string): ScalarType {
  const type = name === undefined ? undefined : TYPES[name];
  if (type === undefined) throw new Error(`The PLY header names an unknown property type: "${clip(line)}".`);
  return type;
}

function readHeader(bytes: Uint8Array): Header {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.byteLength, MAX_HEADER_BYTES)));
  if (!/^ply[ \t]*(\r\n|\n|\r)/.test(head)) throw new Error('The file does not start with the PLY magic line "ply".');
  const end = /(?:\r\n|\n|\r)end_header[ \t]*(\r\n|\n|\r|$)/.exec(head);
  if (end === null || (end[1] === "" && head.length < bytes.byteLength)) throw new Error("The PLY header has no end_header line.");
  let format: Header["format"] | undefined;
  let version = "";
  const elements: Element[] = [];
  for (const line of head.slice(0, end.index).split(/\r\n|\n|\r/).slice(1)) {
    const words = line.trim().split(/\s+/);
    switch (words[0]) {
      case "":
      case "comment":
      case "obj_info":
        break;
      case "format": {
        if (format !== undefined) throw new Error("The PLY header has more than one format line.");
        const [, kind, stated] = words;
        if (kind === "binary_big_endian") {
          throw new Error("Binary big-endian PLY is not supported: the service documented binary little-endian PLY (ASCII is read too).");
        }
        if ((kind !== "ascii" && kind !== "binary_little_endian") || stated === undefined) {
          throw new Error(`The PLY format line is not valid: "${clip(line)}".`);
        }
        format = kind;
        version = stated;
        break;
      }
      case "element": {
        const [, name, count] = words;
        if (name === undefined || count === undefined || !/^\d+$/.test(count) || !Number.isSafeInteger(Number(count))) {
          throw new Error(`The PLY element line is not valid: "${clip(line)}".`);
        }
        elements.push({ name, count: Number(count), properties: [] });
        break;
      }
      case "property": {
        const element = elements.at(-1);
        if (element === undefined) throw new Error(`The PLY header has a property before any element: "${clip(line)}".`);
        const list = words[1] === "list";
        const name = words[list ? 4 : 2];
        if (name === undefined || words.length !== (list ? 5 : 3)) throw new Error(`The PLY property line is not valid: "${clip(line)}".`);
        const countType = list ? typeNamed(words[2], line) : undefined;
        if (countType !== undefined && !countType.integer) throw new Error(`A PLY list's count must have an integer type: "${clip(line)}".`);
        element.properties.push({ name, type: typeNamed(words[list ? 3 : 1], line), countType });
        break;
      }
      default:
        throw new Error(`The PLY header has a line that is not PLY: "${clip(line)}".`);
    }
  }
  if (format === undefined) throw new Error("The PLY header has no format line.");
  return { format, version, elements, bodyStart: end.index + end[0].length };
}

class Truncated extends Error {}

/** The body's values one at a time, in file order. */
interface Values {
  next(type: ScalarType): number;
}

class BinaryValues implements Values {
  private offset: number;
  private readonly view: DataView;
  constructor(bytes: Uint8Array, start: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = start;
  }
  next(type: ScalarType): number {
    if (this.offset + type.size > this.view.byteLength) throw new Truncated();
    const value = type.read(this.view, this.offset);
    this.offset += type.size;
    return value;
  }
}

class AsciiValues implements Values {
  private readonly tokens = /\S+/g;
  private readonly text: string;
  constructor(bytes: Uint8Array, start: number) {
    this.text = new TextDecoder("latin1").decode(bytes.subarray(start));
  }
  next(type: ScalarType): number {
    const token = this.tokens.exec(this.text);
    if (token === null) throw new Truncated();
    const value = Number(token[0]);
    if (!Number.isFinite(value) || (type.integer && !Number.isInteger(value))) {
      throw new Error(`The PLY body has "${clip(token[0])}" where a${type.integer ? "n integer" : " number"} belongs.`);
    }
    return value;
  }
}

const FACE_INDICES = new Set(["vertex_indices", "vertex_index"]);

/** Reads a PLY file: vertices are the points, faces count as triangles. Throws when it is not valid PLY. */
export function readPly(bytes: Uint8Array): PointCloudContents {
  const header = readHeader(bytes);
  const vertex = header.elements.find((e) => e.name === "vertex");
  if (vertex === undefined) throw new Error('The PLY header declares no "element vertex".');
  const axes = ["x", "y", "z"].map((axis) => vertex.properties.findIndex((p) => p.name === axis && p.countType === undefined));
  if (axes.some((i) => i < 0)) throw new Error("The PLY vertex element lacks one of the scalar properties x, y and z.");
  const [ix, iy, iz] = axes as [number, number, number];
  const face = header.elements.find((e) => e.name === "face");
  if (face !== undefined && face.count > 0 && !face.properties.some((p) => p.countType !== undefined && FACE_INDICES.has(p.name))) {
    throw new Error("The PLY face element has no vertex_indices list.");
  }

  const values: Values = header.format === "ascii" ? new AsciiValues(bytes, header.bodyStart) : new BinaryValues(bytes, header.bodyStart);
  const bounds = new BoundsAccumulator();
  let triangles = 0;
  for (const element of header.elements) {
    if (element.properties.length === 0) continue;
    const isVertex = element === vertex;
    const isFace = element === face;
    const scalars: number[] = new Array<number>(element.properties.length).fill(0);
    let instance = 0;
    try {
      for (; instance < element.count; instance++) {
        for (let p = 0; p < element.properties.length; p++) {
          const property = element.properties[p]!;
          if (property.countType === undefined) {
            scalars[p] = values.next(property.type);
            continue;
          }
          const items = values.next(property.countType);
          if (items < 0) throw new Error(`The PLY ${element.name} ${instance} has a list of ${items} items.`);
          const indices = isFace && FACE_INDICES.has(property.name);
          for (let i = 0; i < items; i++) {
            const item = values.next(property.type);
            if (indices && (item < 0 || item >= vertex.count || !Number.isInteger(item))) {
              throw new Error(`The PLY face ${instance} refers to vertex ${item}; there are ${vertex.count}.`);
            }
          }
          if (indices) triangles += Math.max(0, items - 2);
        }
        if (isVertex) bounds.add(scalars[ix]!, scalars[iy]!, scalars[iz]!);
      }
    } catch (error) {
      if (!(error instanceof Truncated)) throw error;
      throw new Error(`The PLY body ends inside ${element.name} ${instance} of ${element.count}: the file is truncated.`);
    }
  }
  return { points: vertex.count, triangles, bounds: bounds.bounds(), formatVersion: header.version, generator: undefined };
}
