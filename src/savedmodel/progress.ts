/** Progress reports of long operations (restoring or writing large checkpoints). */

/** One progress report; `bytesDone` grows to `bytesTotal`. */
export interface Progress {
  /** What is going on: `restore` (reading variables) or `save` (writing them). */
  readonly phase: 'restore' | 'save';
  /** Tensor bytes processed so far. */
  readonly bytesDone: number;
  /** Tensor bytes to process in this phase. */
  readonly bytesTotal: number;
  /** Tensors processed so far. */
  readonly tensorsDone: number;
  /** Tensors to process in this phase. */
  readonly tensorsTotal: number;
}

/** Callback receiving progress reports. */
export type ProgressCallback = (p: Progress) => void;

/** Counts bytes and tensors of one phase and reports each step to an optional callback. */
export class ProgressCounter {
  private bytesDone = 0;
  private tensorsDone = 0;

  constructor(
    private readonly phase: Progress['phase'],
    private readonly bytesTotal: number,
    private readonly tensorsTotal: number,
    private readonly callback?: ProgressCallback,
  ) {}

  /** Records one tensor of `bytes` bytes as done and reports. */
  step(bytes: number): void {
    this.bytesDone += bytes;
    this.tensorsDone += 1;
    this.callback?.({
      phase: this.phase, bytesDone: this.bytesDone, bytesTotal: this.bytesTotal,
      tensorsDone: this.tensorsDone, tensorsTotal: this.tensorsTotal,
    });
  }
}
