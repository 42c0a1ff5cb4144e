// What a point-cloud reader finds in its input (points, triangles, bounds, the format's version and the
// generator when the file names them), and the running bounding box the readers fill point by point.
import type { Vec3 } from "./model-statistics.js";

export interface PointCloudContents {
  readonly points: number;
  /** Triangles: 0 for a pure point cloud; a PLY face of n corners counts n − 2, as glTF faces are counted. */
  readonly triangles: number;
  readonly bounds: { readonly min: Vec3; readonly max: Vec3 };
  readonly formatVersion: string | undefined;
  readonly generator: string | undefined;
}

/** Min/max over the points added; coordinates that are not finite (NaN marks "no return" in some scans) are left out. */
export class BoundsAccumulator {
  private readonly min: Vec3 = [Infinity, Infinity, Infinity];
  private readonly max: Vec3 = [-Infinity, -Infinity, -Infinity];

  add(x: number, y: number, z: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return;
    if (x < this.min[0]) this.min[0] = x;
    if (y < this.min[1]) this.min[1] = y;
    if (z < this.min[2]) this.min[2] = z;
    if (x > this.max[0]) this.max[0] = x;
    if (y > this.max[1]) this.max[1] = y;
    if (z > this.max[2]) this.max[2] = z;
  }

  /** The box so far; all zeros when no finite point was added (as the glTF path reports an empty scene). */
  bounds(): { min: Vec3; max: Vec3 } {
    if (this.min[0] === Infinity) return { min: [0, 0, 0], max: [0, 0, 0] };
    return { min: [...this.min], max: [...this.max] };
  }
}
