/**
 * A one-line training progress bar on stderr (stdout stays free for
 * machine-readable output). On a terminal the line redraws in place; in a
 * log file it prints a line every `every` epochs instead.
 */
export class ProgressBar {
  private readonly width = 24;
  private readonly interactive: boolean;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly every = 10
  ) {
    this.interactive = Boolean(stream.isTTY);
  }

  update(epoch: number, loss: number, valLoss?: number): void {
    if (!this.interactive && epoch % this.every !== 0) return;
    const filled = Math.round((epoch / this.total) * this.width);
    const bar = "#".repeat(filled) + ".".repeat(this.width - filled);
    const val = valLoss === undefined ? "" : ` val_loss ${fmt(valLoss)}`;
    const line =
      `${this.label.padEnd(13)} [${bar}] epoch ${epoch}/${this.total}` +
      ` loss ${fmt(loss)}${val}`;
    this.stream.write(this.interactive ? `\r${line}` : `${line}\n`);
  }

  done(summary: string): void {
    const prefix = this.interactive ? "\r\x1b[2K" : "";
    this.stream.write(`${prefix}${this.label.padEnd(13)} ${summary}\n`);
  }
}

function fmt(value: number): string {
  return value.toFixed(5);
}
