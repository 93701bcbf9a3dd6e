// What goes between a hosted worker and the thread that started it: numbered requests, replies
// carrying the same number, and errors flattened to plain data on the way back, so a
// CredanchorError thrown in a worker reaches the caller with its name, code and details.
import { CredanchorError } from "../errors.ts";

export interface RequestMessage<Request> {
  id: number;
  request: Request;
}

export interface ErrorData {
  name: string;
  code?: string;
  message: string;
  details?: object;
}

export type ReplyMessage<Result> =
  | { id: number; result: Result }
  | { id: number; error: ErrorData };

/** An error as data that survives postMessage (a class instance would lose its prototype). */
export function errorToData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const { name, message, code, details } = error as Error & { code?: string; details?: object };
  return { name, message, code, details };
}

/** The error of errorToData back: a CredanchorError when it had a code, a plain Error if not. */
export function errorFromData(error: ErrorData): Error {
  if (error.code === undefined) return new Error(error.message);
  const rebuilt = new CredanchorError(error.code, error.message, { ...error.details });
  rebuilt.name = error.name;
  return rebuilt;
}
