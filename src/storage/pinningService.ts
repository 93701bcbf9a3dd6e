// A client for a remote pinning service speaking the IPFS Pinning Service API
// (https://ipfs.github.io/pinning-services-api-spec/): enough to find the pin requests for a CID
// and delete them, and to ask for a pin (a holder's shared copy, `credanchor share --pin-service`):
// the service then fetches the content from the IPFS network, from `origins` first. Plain fetch,
// no Node built-ins.
import type { CID } from "multiformats/cid";
import { StoreUnreachableError } from "./errors.ts";
import { parseCid } from "./parseCid.ts";

export interface PinningServiceOptions {
  /** The service's API endpoint, e.g. "https://api.pinata.cloud/psa" (/pins is added). */
  url: string | URL;
  /** The access token, sent as "Authorization: Bearer <token>". */
  token: string;
  /** Longest wait for one request (default 30 s). */
  timeoutMs?: number;
}

/** Every status a pin request can have; the API lists only "pinned" ones unless asked. */
export const PIN_STATUSES = ["queued", "pinning", "pinned", "failed"] as const;
export type PinRequestStatus = (typeof PIN_STATUSES)[number];

/** One pin request as the service reports it (PinStatus, trimmed to what callers use). */
export interface PinRequest {
  requestid: string;
  status: PinRequestStatus;
  created: string;
  cid: string;
  name?: string;
}

export interface PinningServiceClient {
  /** Names the service in messages, e.g. "the pinning service at https://pins.example". */
  readonly label: string;
  /** Every pin request for `cid`, whatever its status. */
  findPins(cid: CID | string, options?: { signal?: AbortSignal }): Promise<PinRequest[]>;
  /** Asks the service to pin `cid` (it fetches the content itself, from `origins` first). */
  addPin(
    cid: CID | string,
    options?: { name?: string; origins?: readonly string[]; signal?: AbortSignal },
  ): Promise<PinRequest>;
  /** Deletes one pin request; one the service no longer has is not an error. */
  removePin(requestid: string, options?: { signal?: AbortSignal }): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** The API's largest page. */
const PAGE_LIMIT = 1000;

export function createPinningServiceClient(options: PinningServiceOptions): PinningServiceClient {
  const base = new URL(options.url);
  base.username = "";
  base.password = "";
  const root = base.href.replace(/\/+$/, "");
  const label = `the pinning service at ${root}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const request = async (
    method: "GET" | "POST" | "DELETE",
    path: string,
    cid: string | undefined,
    signal: AbortSignal | undefined,
    body?: unknown,
  ): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      // As kuboStore names its faults (same error, same details), for a different API.
      if (timeout.aborted) {
        throw new StoreUnreachableError(
          cid,
          label,
          "timeout",
          `no answer within ${timeoutMs} ms`,
          { timeoutMs },
          { cause: err },
        );
      }
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new StoreUnreachableError(
        cid,
        label,
        "connection",
        cause?.code ?? cause?.message ?? (err as Error).message,
        {},
        { cause: err },
      );
    }
    if (response.ok || (method === "DELETE" && response.status === 404)) return response;
    const reason = await failureReason(response);
    const hint =
      response.status === 401 || response.status === 403 ? " (check the access token)" : "";
    throw new StoreUnreachableError(
      cid,
      label,
      "http",
      `HTTP ${response.status}${hint}: ${reason}`,
      {
        status: response.status,
      },
    );
  };

  return {
    label,

    async findPins(input, findOptions = {}) {
      const cid = parseCid(input, label).toString();
      const found: PinRequest[] = [];
      let before: string | undefined;
      // Pages run newest first; `before` the oldest one seen fetches the next page.
      for (;;) {
        const query = new URLSearchParams({
          cid,
          status: PIN_STATUSES.join(","),
          limit: String(PAGE_LIMIT),
        });
        if (before !== undefined) query.set("before", before);
        const response = await request("GET", `/pins?${query}`, cid, findOptions.signal);
        const page = parsePinResults(await response.json().catch(() => undefined));
        if (page === undefined) {
          throw new StoreUnreachableError(cid, label, "http", "GET /pins answered no PinResults");
        }
        found.push(...page.results);
        const oldest = page.results.at(-1)?.created;
        if (page.results.length < PAGE_LIMIT || found.length >= page.count || oldest === undefined)
          break;
        before = oldest;
      }
      return found;
    },

    async addPin(input, addOptions = {}) {
      const cid = parseCid(input, label).toString();
      const pin = {
        cid,
        ...(addOptions.name === undefined ? {} : { name: addOptions.name }),
        ...(addOptions.origins === undefined ? {} : { origins: [...addOptions.origins] }),
      };
      const response = await request("POST", "/pins", cid, addOptions.signal, pin);
      const added = parsePinStatus(await response.json().catch(() => undefined));
      if (added === undefined) {
        throw new StoreUnreachableError(cid, label, "http", "POST /pins answered no PinStatus");
      }
      return added;
    },

    async removePin(requestid, removeOptions = {}) {
      await request(
        "DELETE",
        `/pins/${encodeURIComponent(requestid)}`,
        undefined,
        removeOptions.signal,
      );
    },
  };
}

function parsePinResults(value: unknown): { count: number; results: PinRequest[] } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { count, results } = value as { count?: unknown; results?: unknown };
  if (typeof count !== "number" || !Array.isArray(results)) return undefined;
  const pins: PinRequest[] = [];
  for (const item of results) {
    const request = parsePinStatus(item);
    if (request === undefined) return undefined;
    pins.push(request);
  }
  return { count, results: pins };
}

function parsePinStatus(value: unknown): PinRequest | undefined {
  const item = value as Record<string, unknown> | undefined;
  const pin = item?.pin as Record<string, unknown> | undefined;
  if (typeof item?.requestid !== "string" || typeof pin?.cid !== "string") return undefined;
  const request: PinRequest = {
    requestid: item.requestid,
    status: item.status as PinRequestStatus,
    created: String(item.created ?? ""),
    cid: pin.cid,
  };
  if (typeof pin.name === "string") request.name = pin.name;
  return request;
}

/** The service's error reason ({"error": {"reason", "details"}}), or the start of its body. */
async function failureReason(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const error = (JSON.parse(text) as { error?: { reason?: string; details?: string } }).error;
    if (error?.reason !== undefined) {
      return error.details === undefined ? error.reason : `${error.reason}: ${error.details}`;
    }
  } catch {
    // not the API's error shape
  }
  return text.slice(0, 200) || response.statusText;
}
