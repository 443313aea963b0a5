/**
 * The storage seam. Everything that touches bytes goes through a `FileSystem`, so the same code
 * runs on Node's fs, in memory, and (later) over HTTP. Paths are POSIX-style strings.
 */
export interface FileSystem {
  /**
   * False where directories cannot be observed (HTTP: servers neither list nor stat folders);
   * callers then skip directory checks and go straight to the files they need. Default true.
   */
  readonly directoriesVisible?: boolean;
  /** Reads a whole file. Throws SavedModelError('NOT_FOUND') when it is missing. */
  readFile(path: string): Promise<Uint8Array>;
  /** Reads `length` bytes at `offset`; throws SavedModelError('DATA_LOSS') if the file is shorter. */
  readRange(path: string, offset: number, length: number): Promise<Uint8Array>;
  /**
   * Optional: reads `target.length` bytes at `offset` straight into `target` (no intermediate
   * buffer); throws SavedModelError('DATA_LOSS') if the file is shorter. With `onChunk`, the
   * bytes arrive in order in pieces of at most `chunkBytes`, and each piece is handed to
   * `onChunk` as soon as it is in place (implementations read the next piece meanwhile), e.g. to
   * checksum it while it is still in the CPU cache. Callers fall back to `readRange` where the
   * method is absent.
   */
  readRangeInto?(path: string, offset: number, target: Uint8Array, onChunk?: (chunk: Uint8Array) => void, chunkBytes?: number): Promise<void>;
  /** Size of a file in bytes. Throws SavedModelError('NOT_FOUND') when it is missing. */
  size(path: string): Promise<number>;
  /** Writes a file atomically: the bytes go to a temporary sibling which is then renamed into place. */
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  /** Opens a streaming writer; the file appears at `path` only when `close()` resolves. */
  openWriter(path: string): Promise<FileWriter>;
  /** Names (not paths) of the entries of a directory, sorted. */
  list(dir: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  isDirectory(path: string): Promise<boolean>;
  /** Creates a directory and its parents. */
  mkdir(path: string): Promise<void>;
  /** Removes a file or a directory tree; no error when it is absent. */
  remove(path: string): Promise<void>;
  /** Renames a file or directory, replacing a file at `to`. */
  rename(from: string, to: string): Promise<void>;
}

/** A file being written in order; nothing is visible at the target path until `close()`. */
export interface FileWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Bytes written so far. */
  readonly position: number;
  /** Flushes, syncs and renames into place. */
  close(): Promise<void>;
  /** Discards what was written. */
  abort(): Promise<void>;
}
