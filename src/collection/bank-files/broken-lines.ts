/**
 * The lines of one control unit (an OCR assignment, a BgMax section) that could not be read in
 * full. Only the first few numbers are kept, so a badly damaged large file costs no memory; the
 * rejection message names them as the likely cause of a control-total mismatch.
 */
export class BrokenLines {
  private readonly first: number[] = [];
  private count = 0;

  constructor(private readonly keep = 10) {}

  add(line: number): void {
    this.count++;
    if (this.first.length < this.keep) this.first.push(line);
  }

  /** `""`, or `"; broken line(s) 10, 12 could not be counted in full"` to append to a message. */
  describe(): string {
    if (this.count === 0) return "";
    const more = this.count > this.first.length ? ` and ${this.count - this.first.length} more` : "";
    return `; broken line(s) ${this.first.join(", ")}${more} could not be counted in full`;
  }
}
