// The Merkle kernels over a fresh shared memory with the round constants in place, for the
// kernel tests, and a 32-byte value read back as hex.
import { bytesToHex, type Hex } from "viem";
import {
  instantiateKernels,
  treeKernelsModule,
  writeRoundConstants,
} from "../../src/merkle/wasmKernels.ts";

export function kernelsWithMemory(pages = 1) {
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  writeRoundConstants(memory);
  return {
    kernels: instantiateKernels(treeKernelsModule(), memory),
    bytes: new Uint8Array(memory.buffer),
  };
}

export function read(bytes: Uint8Array, at: number): Hex {
  return bytesToHex(bytes.slice(at, at + 32));
}
