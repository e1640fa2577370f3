/** How long each end-to-end case took: one line as it ends, and a table when the file is done. */
export class CaseTimings {
  private readonly rows: [string, number][] = [];
  private started = 0;

  constructor(private readonly file: string) {}

  /** Call from beforeEach, stop from afterEach, print from afterAll. */
  install(): void {
    beforeEach(() => {
      this.started = Date.now();
    });
    afterEach(() => {
      const name = expect.getState().currentTestName ?? "?";
      const ms = Date.now() - this.started;
      this.rows.push([name, ms]);
      process.stdout.write(`[e2e ${this.file}] ${seconds(ms)}  ${name}\n`);
    });
    afterAll(() => {
      if (this.rows.length === 0) return;
      const total = this.rows.reduce((sum, [, ms]) => sum + ms, 0);
      const lines = this.rows.map(([name, ms]) => `  ${seconds(ms).padStart(7)}  ${name}`);
      process.stdout.write(
        `\n[e2e ${this.file}] timings\n${lines.join("\n")}\n  ${seconds(total).padStart(7)}  all cases\n\n`,
      );
    });
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
