// Claim salts come from the one pooled CSPRNG (src/random); re-exported here because the
// credential model is where callers look for the randomness a credential is built with.
export { type RandomSource, secureRandom } from "../random/index.ts";
