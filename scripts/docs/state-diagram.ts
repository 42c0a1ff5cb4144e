// The session state diagram as SVG, drawn from the spec itself: the states are the `session_status` enum and the
// arrows are the "next" column of the "Session states" table in the API description. A state added to the
// enum without a row (or a row naming a state the enum lacks) fails the docs build instead of drawing a lie.

export interface StateRow {
  readonly state: string;
  readonly terminal: boolean;
  readonly next: readonly string[];
}

const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");

/** Reads the table under `heading` of a Markdown description: status | meaning | terminal | next. */
export function stateTable(markdown: string, heading: string): StateRow[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`state diagram: the description has no "${heading}" section`);
  const rows: StateRow[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("#")) break;
    if (!line.startsWith("|") || /^\|\s*(status|-)/.test(line)) continue;
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    const [state] = codeSpans(cells[0] ?? "");
    if (state === undefined) continue;
    rows.push({ state, terminal: cells[2] === "yes", next: codeSpans(cells[3] ?? "") });
  }
  return rows;
}

/** Checks the table against the enum: the same states, and arrows only to states that exist. */
export function checkStates(rows: readonly StateRow[], enumValues: readonly string[]): void {
  const states = rows.map((r) => r.state).sort();
  if (JSON.stringify(states) !== JSON.stringify([...enumValues].sort())) {
    throw new Error(`state diagram: the table lists ${states.join(", ")}, the enum ${[...enumValues].sort().join(", ")}`);
  }
  for (const row of rows) {
    for (const next of row.next) {
      if (!states.includes(next)) throw new Error(`state diagram: ${row.state} leads to ${next}, which is no state`);
    }
  }
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Draws the states in two rows: the live ones left to right in table order, entered from `entry` (e.g. "PUT"),
 * and the terminal ones below. Widths come from the text length, so a longer state name still fits its box.
 */
export function stateDiagramSvg(rows: readonly StateRow[], entry: string, title: string): string {
  const charWidth = 8.4;
  const boxHeight = 34;
  const gap = 56;
  const margin = 16;
  const widthOf = (text: string): number => Math.ceil(text.length * charWidth + 28);
  const live = rows.filter((r) => !r.terminal);
  const terminal = rows.filter((r) => r.terminal);
  const position = new Map<string, { x: number; y: number; w: number }>();
  const entryWidth = widthOf(entry);
  let x = margin + entryWidth + gap;
  const topY = margin;
  for (const row of live) {
    const w = widthOf(row.state);
    position.set(row.state, { x, y: topY, w });
    x += w + gap;
  }
  const topRight = x - gap;
  const bottomY = topY + boxHeight + 90;
  const bottomWidth = terminal.reduce((sum, r) => sum + widthOf(r.state), 0) + gap * (terminal.length - 1);
  let bx = Math.max(margin + entryWidth + gap, (topRight + margin + entryWidth + gap - bottomWidth) / 2);
  for (const row of terminal) {
    const w = widthOf(row.state);
    position.set(row.state, { x: bx, y: bottomY, w });
    bx += w + gap;
  }
  const width = Math.ceil(Math.max(topRight, bx - gap) + margin);
  const height = bottomY + boxHeight + margin;
  const parts: string[] = [];
  const arrow = (x1: number, y1: number, x2: number, y2: number): void => {
    parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#555" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  };
  const box = (name: string, terminalState: boolean): void => {
    const p = position.get(name);
    if (!p) return;
    const fill = terminalState ? "#f3f3f3" : "#e8efff";
    const stroke = terminalState ? "#888" : "#0044d4";
    parts.push(
      `<g><rect x="${p.x}" y="${p.y}" width="${p.w}" height="${boxHeight}" rx="6" fill="${fill}" stroke="${stroke}"/>` +
        `<text x="${p.x + p.w / 2}" y="${p.y + 22}" text-anchor="middle">${escape(name)}</text></g>`,
    );
  };
  // The entry: a plain label with an arrow into the first live state.
  parts.push(`<text x="${margin + entryWidth / 2}" y="${topY + 22}" text-anchor="middle" font-weight="600">${escape(entry)}</text>`);
  const first = live[0] && position.get(live[0].state);
  if (first) arrow(margin + entryWidth, topY + boxHeight / 2, first.x - 2, topY + boxHeight / 2);
  for (const row of rows) {
    const from = position.get(row.state);
    if (!from) continue;
    for (const next of row.next) {
      const to = position.get(next);
      if (!to) continue;
      if (to.y === from.y) {
        const forward = to.x > from.x;
        arrow(forward ? from.x + from.w : from.x, from.y + boxHeight / 2, forward ? to.x - 2 : to.x + to.w + 2, to.y + boxHeight / 2);
      } else {
        arrow(from.x + from.w / 2, from.y + boxHeight, to.x + to.w / 2, to.y - 2);
      }
    }
  }
  for (const row of rows) box(row.state, row.terminal);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="title" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="14">` +
    `<title id="title">${escape(title)}</title>` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
    `<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    parts.join("") +
    `</svg>\n`
  );
}
