// Randomness from the platform's CSPRNG (Web Crypto), pooled; browser-safe.
export { type RandomSource, secureRandom } from "./secureRandom.ts";
