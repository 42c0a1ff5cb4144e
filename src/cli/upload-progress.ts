// The upload's progress on stderr: a bar redrawn in place on a terminal, else one line at the start and one at
// the end (pipes and CI logs stay readable).
import type { UploadProgress } from "../storage/index.js";
import type { ProgressStream } from "./progress.js";

const WIDTH = 24;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function createUploadProgress(target: string, stream: ProgressStream = process.stderr): {
  update(progress: UploadProgress): void;
  stop(): void;
} {
  const tty = stream.isTTY === true;
  let started = false;
  let last: UploadProgress | undefined;
  return {
    update(progress) {
      last = progress;
      if (tty) {
        const share = progress.totalBytes === 0 ? 1 : progress.doneBytes / progress.totalBytes;
        const filled = Math.round(share * WIDTH);
        stream.write(
          `\r\x1b[2K[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${progress.doneFiles}/${progress.totalFiles} files, ` +
            `${formatBytes(progress.doneBytes)}/${formatBytes(progress.totalBytes)} → ${target}`,
        );
      } else if (!started) {
        started = true;
        stream.write(`upload: ${progress.totalFiles} files (${formatBytes(progress.totalBytes)}) → ${target}\n`);
      }
    },
    stop() {
      if (tty && last !== undefined) stream.write("\n");
    },
  };
}
