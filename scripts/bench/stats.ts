// Small statistics and reporting helpers for the benchmarks: medians of interleaved repetitions, ratios, a table.

export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

/** One row of bench/results.json. `target` is the ratio the figure must stay under (or above, see `higherIsBetter`). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  target: number | null;
  met: boolean;
  min?: number;
  max?: number;
  note?: string;
}

export function result(
  name: string,
  measured: Summary,
  unit: string,
  baseline: string,
  baselineMeasured: Summary,
  target: number | null,
  options: { higherIsBetter?: boolean; ratio?: Summary; note?: string } = {},
): BenchResult {
  // A ratio given explicitly is the median of paired ratios, steadier than a ratio of medians on a busy machine.
  const ratio = options.ratio?.median ?? measured.median / baselineMeasured.median;
  const met = target === null ? true : options.higherIsBetter ? ratio >= target : ratio <= target;
  return {
    name,
    value: round(measured.median),
    unit,
    baseline,
    baselineValue: round(baselineMeasured.median),
    ratio: round(ratio, 3),
    target,
    met,
    min: round(measured.min),
    max: round(measured.max),
    ...(options.note ? { note: options.note } : {}),
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function table(results: BenchResult[]): string {
  const header = ["benchmark", "value (min–max)", "baseline", "ratio", "target", "met"];
  const rows = results.map((r) => [
    r.name,
    `${r.value} ${r.unit} (${r.min ?? "?"}–${r.max ?? "?"})`,
    `${r.baseline}: ${r.baselineValue} ${r.unit}`,
    `${r.ratio}×`,
    r.target === null ? "–" : `${r.target}×`,
    r.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
