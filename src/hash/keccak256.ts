// keccak256 of any byte string, synchronous and in plain JavaScript (browser-safe), over the
// interleaved Keccak-f[1600] of keccakF1600.ts: about 6x @noble/hashes, which stays the
// reference in tests. Claim and credential digests hash tens of short messages per credential,
// so this is on the hot path of both issuing and verifying.
import { laneWord, unshuffle } from "./interleavedLanes.ts";
import { keccakF1600 } from "./keccakF1600.ts";

const RATE = 136; // bytes per block of keccak256
const state = new Int32Array(50);
const block = new Uint32Array(RATE / 4);

/** keccak256(`data`) as 32 bytes. */
export function keccak256(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  keccak256Into(data, 0, data.length, out, 0);
  return out;
}

/**
 * keccak256 of `data[start, end)` written to `out[outOffset, outOffset + 32)`: for callers that
 * hash many short messages laid out in one buffer, with no allocation per hash.
 */
export function keccak256Into(
  data: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  outOffset: number,
): void {
  state.fill(0);
  let offset = start;
  // Full blocks, then the last partial block with keccak's 0x01 .. 0x80 padding.
  for (;;) {
    const take = Math.min(RATE, end - offset);
    const last = take < RATE;
    block.fill(0);
    loadWords(data, offset, take, block);
    if (last) {
      orByte(block, take, 0x01);
      orByte(block, RATE - 1, 0x80);
    }
    absorb(block);
    keccakF1600(state);
    offset += take;
    if (last) break;
  }
  for (let k = 0; k < 8; k++) {
    const w = laneWord(state, k);
    const at = outOffset + 4 * k;
    out[at] = w & 0xff;
    out[at + 1] = (w >>> 8) & 0xff;
    out[at + 2] = (w >>> 16) & 0xff;
    out[at + 3] = w >>> 24;
  }
}

function loadWords(data: Uint8Array, offset: number, length: number, words: Uint32Array): void {
  const full = length >>> 2;
  for (let k = 0; k < full; k++) {
    const i = offset + 4 * k;
    words[k] = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
  }
  for (let i = full * 4; i < length; i++) orByte(words, i, data[offset + i]!);
}

function orByte(words: Uint32Array, position: number, value: number): void {
  words[position >>> 2] = words[position >>> 2]! | (value << (8 * (position & 3)));
}

/** XORs a block of 17 little-endian lanes into the interleaved state. */
function absorb(words: Uint32Array): void {
  for (let k = 0; k < RATE / 8; k++) {
    const lo = unshuffle(words[2 * k]!);
    const hi = unshuffle(words[2 * k + 1]!);
    state[2 * k] = state[2 * k]! ^ ((lo & 0xffff) | (hi << 16));
    state[2 * k + 1] = state[2 * k + 1]! ^ ((lo >>> 16) | (hi & 0xffff0000));
  }
}
