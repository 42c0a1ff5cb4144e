// The CLI reference and the emulator's options table, rendered from the very tables `arr` parses its arguments
// with (src/cli/commands.ts, src/cli/options.ts): a command or flag added there shows up here on the next build.
// Each command is a <section data-command="…">, each flag a <tr data-flag="…">, so the completeness test can
// read the page back and compare it with the tables.
import { commands, type CommandSpec } from "../../src/cli/commands.js";
import { commonOptions, connectionOptions, type OptionSpec } from "../../src/cli/options.js";

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `sessions create` becomes `arr-sessions-create`: the anchor of the command's section. */
export const commandAnchor = (words: readonly string[]): string => `arr-${words.join("-")}`;

function flagCell(name: string, option: OptionSpec): string {
  const short = option.short ? `<code>-${escape(option.short)}</code>, ` : "";
  const value = option.type === "string" ? ` <var>${escape(option.value ?? "<value>")}</var>` : "";
  return `${short}<code>--${escape(name)}</code>${value}`;
}

/** A table of flags; `required` marks the ones a command cannot run without. */
export function optionsTable(options: Readonly<Record<string, OptionSpec>>, required: readonly string[] = []): string {
  const rows = Object.entries(options).map(([name, option]) => {
    const notes = [
      required.includes(name) ? "<strong>required</strong>" : "",
      option.env ? `env <code>${escape(option.env)}</code>` : "",
      option.multiple ? "repeatable" : "",
      option.secret ? "secret: never echoed" : "",
    ].filter(Boolean);
    return (
      `<tr data-flag="${escape(name)}"><td class="flag">${flagCell(name, option)}</td>` +
      `<td>${escape(option.description)}${notes.length ? `<br><small>${notes.join(" · ")}</small>` : ""}</td></tr>`
    );
  });
  return `<table class="options"><thead><tr><th>flag</th><th>what it does</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function usage(spec: CommandSpec): string {
  const required = (spec.required ?? []).map((name) => `--${name} ${spec.options[name]?.value ?? ""}`.trimEnd());
  return ["arr", ...spec.words, ...spec.args.map((a) => `<${a}>`), ...required, "[options]"].join(" ");
}

function commandSection(spec: CommandSpec): string {
  const name = `arr ${spec.words.join(" ")}`;
  return [
    `<section class="command" id="${commandAnchor(spec.words)}" data-command="${escape(spec.words.join(" "))}">`,
    `<h3><code>${escape(name)}</code></h3>`,
    `<p>${escape(spec.summary)}</p>`,
    `<pre><code>${escape(usage(spec))}</code></pre>`,
    optionsTable(spec.options, spec.required ?? []),
    `</section>`,
  ].join("\n");
}

/** The whole generated part of the CLI reference: an index of commands, then one section per command. */
export function cliReferenceHtml(): string {
  const index = commands
    .map((c) => `<li><a href="#${commandAnchor(c.words)}"><code>arr ${escape(c.words.join(" "))}</code></a> — ${escape(c.summary)}</li>`)
    .join("\n");
  const global = { version: commonOptions.version, help: commonOptions.help };
  return [
    `<ul class="commands">\n${index}\n</ul>`,
    `<h2 id="connection">Connection flags</h2>`,
    `<p>Every command that talks to the service takes these; a flag wins over its environment variable.</p>`,
    optionsTable(connectionOptions),
    `<section class="command" id="arr" data-command="">`,
    `<h2 id="global">Global flags</h2>`,
    `<pre><code>arr --version\narr --help</code></pre>`,
    optionsTable(global),
    `</section>`,
    `<h2 id="commands">Commands</h2>`,
    ...commands.map(commandSection),
  ].join("\n");
}

/** The options table of `arr emulator`, straight from its command entry. */
export function emulatorOptionsHtml(): string {
  const emulator = commands.find((c) => c.words.join(" ") === "emulator");
  if (!emulator) throw new Error("docs: arr has no emulator command");
  return `<section class="command" id="options" data-command="emulator">\n${optionsTable(emulator.options)}\n</section>`;
}

/**
 * A guide's "one command does it all" block: the usage and flags of `arr <words>` under a heading, or nothing
 * while the CLI has no such command (so a guide can name a command that another change is adding).
 */
export function commandBlockHtml(words: readonly string[], heading: string): string {
  const spec = commands.find((c) => c.words.join(" ") === words.join(" "));
  if (!spec) return "";
  return [
    `<h2 id="${commandAnchor(spec.words)}">${escape(heading)}</h2>`,
    `<p>${escape(spec.summary)}. Its flags, from the CLI's own table (see also the <a href="cli.html#${commandAnchor(spec.words)}">CLI reference</a>):</p>`,
    `<pre><code>${escape(usage(spec))}</code></pre>`,
    optionsTable(spec.options, spec.required ?? []),
  ].join("\n");
}
