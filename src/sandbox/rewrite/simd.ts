// Immediates of the 0xFD-prefixed (SIMD) instructions, by sub-opcode.

export const SimdImm = { Invalid: -1, None: 0, MemArg: 1, MemArgLane: 2, Lane: 3, Bytes16: 4 } as const;
export type SimdImm = (typeof SimdImm)[keyof typeof SimdImm];

/** Sub-opcodes inside 0x00–0xFF that no SIMD instruction uses. */
const RESERVED = new Set([0x9a, 0xa2, 0xa5, 0xa6, 0xaf, 0xb0, 0xb2, 0xb3, 0xb4, 0xbb, 0xc2, 0xc5, 0xc6, 0xcf, 0xd0, 0xd2, 0xd3, 0xd4, 0xe2, 0xee]);

/**
 * Fixed-width SIMD (0x00–0xFF) and relaxed SIMD (0x100–0x113, no immediates).
 * Loads/stores carry a memarg, lane accesses a lane byte, `v128.const` and
 * `i8x16.shuffle` 16 bytes.
 */
export function simdImmediate(op: number): SimdImm {
  if (op <= 0x0b) return SimdImm.MemArg; // v128.load … v128.store
  if (op <= 0x0d) return SimdImm.Bytes16; // v128.const, i8x16.shuffle
  if (op <= 0x14) return SimdImm.None; // swizzle, splats
  if (op <= 0x22) return SimdImm.Lane; // extract_lane / replace_lane
  if (op <= 0x53) return SimdImm.None; // comparisons, bitwise, any_true
  if (op <= 0x5b) return SimdImm.MemArgLane; // load*_lane / store*_lane
  if (op <= 0x5d) return SimdImm.MemArg; // load32_zero, load64_zero
  if (op <= 0xff) return RESERVED.has(op) ? SimdImm.Invalid : SimdImm.None;
  if (op <= 0x113) return SimdImm.None; // relaxed SIMD
  return SimdImm.Invalid;
}
