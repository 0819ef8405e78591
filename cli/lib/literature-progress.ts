/**
 * A one-line progress bar on stderr for long indexing runs; plain milestone lines when
 * stderr is not a terminal (CI logs), so logs stay readable.
 */
export interface ProgressBar {
  update(label: string, done: number, total: number): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr, width = 30): ProgressBar {
  let lastLabel = '';
  let lastPercent = -1;
  let lastDraw = 0;
  return {
    update(label, done, total) {
      const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      if (!stream.isTTY) {
        // Every 25 %, and whenever the stage changes.
        if (label !== lastLabel || Math.floor(percent / 25) !== Math.floor(lastPercent / 25)) {
          stream.write(`${label}: ${done}/${total} (${percent}%)\n`);
        }
      } else {
        const now = Date.now();
        if (label === lastLabel && percent === lastPercent && now - lastDraw < 100) return;
        lastDraw = now;
        const filled = Math.round((width * percent) / 100);
        stream.write(`\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}  `);
      }
      lastLabel = label;
      lastPercent = percent;
    },
    done() {
      if (stream.isTTY && lastLabel) stream.write('\n');
    },
  };
}
