// Plain values every layer reads: JSON shapes, addresses, 32-byte hex, CAIP-2 chains and CAIP-10
// accounts. No dependency but the error base class; safe in the browser.
export {
  type Caip2ChainId,
  ChainIdInvalidError,
  chainIdOfCaip2,
  parseCaip2,
  parseCaip10,
  toCaip2,
} from "./caip2.ts";
export { isAddress, isBytes32, isObject, valueAt } from "./shapes.ts";
