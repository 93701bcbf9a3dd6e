// Streams an input file in large chunks while hashing it, so every pass over the input can prove
// it read the same bytes as the pass before (and as the run the journal recorded).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Hex } from "viem";
import { InputFileError } from "./errors.ts";

const CHUNK_BYTES = 1 << 20;

/** One pass over a file: its chunks, then its sha256 and size once the chunks are drained. */
export interface FilePass {
  chunks: AsyncIterable<Uint8Array>;
  /** Bytes read so far. */
  bytesRead(): number;
  /** The sha256 of everything read; call after the chunks are drained. */
  sha256(): Hex;
}

/** The size of `file`, or an error naming it when it cannot be read. */
export async function inputSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw new InputFileError("INPUT_UNREADABLE", file, "is not a file");
    }
    return info.size;
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw unreadable(file, error);
  }
}

export function readFilePass(file: string): FilePass {
  const hash = createHash("sha256");
  let bytes = 0;
  let digest: Hex | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of stream) {
        const data = chunk as Buffer;
        hash.update(data);
        bytes += data.byteLength;
        yield data;
      }
    } catch (error) {
      throw unreadable(file, error);
    } finally {
      stream.destroy();
    }
    digest = `0x${hash.digest("hex")}`;
  }
  return {
    chunks: chunks(),
    bytesRead: () => bytes,
    sha256() {
      if (digest === undefined) throw new Error(`${file} was not read to its end`);
      return digest;
    },
  };
}

function unreadable(file: string, error: unknown): InputFileError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem =
    code === "ENOENT"
      ? "does not exist"
      : code === "EACCES"
        ? "cannot be read (permission denied)"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : `cannot be read: ${(error as Error).message}`;
  return new InputFileError("INPUT_UNREADABLE", file, problem, { errno: code }, { cause: error });
}
