/**
 * @module Rate limits on Cloudflare's Rate Limiting bindings (`[[ratelimits]]` in
 * wrangler.toml), counted per Cloudflare location:
 *
 * - `per-key`: every request authenticated with one API key, keyed by the
 *   key's SHA-256 (the key itself never leaves the Worker), after
 *   authentication.
 * - `per-address`: database lookups of keys this isolate and data center have
 *   not verified recently, per client address (`CF-Connecting-IP`; an IPv6
 *   address by its /64, which one client usually holds whole), checked BEFORE
 *   the lookup: a flood of random keys from one address costs at most
 *   `ADDRESS_RATE_LIMIT` lookups per `ADDRESS_RATE_PERIOD` per location, then
 *   429s that cost no database work at all.
 *
 * A binding only answers "within the limit or not"; the Worker knows the
 * limit it was configured with from the vars of the same name
 * (`KEY_RATE_LIMIT` / `KEY_RATE_PERIOD`, `ADDRESS_*`), which a test holds
 * equal to wrangler.toml in every environment (a limit no var states is
 * enforced all the same, only not advertised). A binding that is not configured limits nothing;
 * one that fails lets the request through (logged): an outage of the limiter
 * is not an outage of the API.
 */
import { RateLimited, type RateLimitPolicy } from "../domain/errors.ts";
import { type Env, SETTINGS, wholeNumberSetting } from "../env.ts";
import { logFailure } from "../log.ts";

export interface Limiter {
  readonly policy: RateLimitPolicy;
  /** Whether a binding enforces this policy here. */
  readonly enforced: boolean;
  /** Counts one request of `partition`; throws `RateLimited` beyond the limit. */
  check(partition: string): Promise<void>;
}

export function rateLimitersFrom(env: Env): { key: Limiter; address: Limiter } {
  const keyPolicy: RateLimitPolicy = {
    name: "per-key",
    limit: quota(env.KEY_RATE_LIMIT),
    periodSeconds: period(env, "KEY_RATE_PERIOD"),
  };
  const addressPolicy: RateLimitPolicy = {
    name: "per-address",
    limit: quota(env.ADDRESS_RATE_LIMIT),
    periodSeconds: period(env, "ADDRESS_RATE_PERIOD"),
  };
  const atMost = ({ limit, periodSeconds }: RateLimitPolicy, what: string) =>
    limit === undefined ? `per ${periodSeconds} seconds` : `at most ${limit} ${what} per ${periodSeconds} seconds`;
  return {
    key: limiter(
      env.KEY_RATE_LIMITER,
      keyPolicy,
      `rate limit exceeded: ${atMost(keyPolicy, "requests")} per API key; retry later`,
    ),
    address: limiter(
      env.ADDRESS_RATE_LIMITER,
      addressPolicy,
      `too many requests from this address with API keys not verified recently (${atMost(addressPolicy, "lookups")}); ` +
        "retry later",
    ),
  };
}

/** A stated quota (a whole number > 0), or `undefined`. */
function quota(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

function limiter(binding: RateLimit | undefined, policy: RateLimitPolicy, message: string): Limiter {
  return {
    policy,
    enforced: binding !== undefined,
    async check(partition) {
      if (!binding) return;
      let success: boolean;
      try {
        ({ success } = await binding.limit({ key: partition }));
      } catch (error) {
        logFailure("warn", `rate limiter ${policy.name} unavailable; request allowed`, error);
        return;
      }
      if (!success) throw new RateLimited(message, policy);
    },
  };
}

/** The Rate Limiting binding takes a period of 10 or 60 seconds only. */
function period(env: Env, name: "KEY_RATE_PERIOD" | "ADDRESS_RATE_PERIOD"): number {
  const seconds = wholeNumberSetting(env, name);
  return seconds === 10 || seconds === 60 ? seconds : SETTINGS[name].default;
}

/**
 * The partition of a client address: an IPv4 address as is, an IPv6 address
 * by its /64 (the four first groups, normalized), an IPv4-mapped IPv6 address
 * as its IPv4; `unknown` without one (every request through Cloudflare has one).
 */
export function addressPartition(address: string | undefined): string {
  const text = address?.trim().toLowerCase();
  if (!text) return "unknown";
  if (!text.includes(":")) return text;
  const mapped = /^(?:0{0,4}:){0,5}(?:0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text.replace(/^::/, "0::"));
  if (mapped?.[1]) return mapped[1];
  const [head = "", tail] = text.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":").filter(Boolean) : []);
  const front = groups(head);
  const back = groups(tail);
  // An embedded IPv4 tail (…:1.2.3.4) is two groups; they are past the /64 anyway.
  const missing = 8 - front.length - back.length - (back.at(-1)?.includes(".") ? 1 : 0);
  const full = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, missing)).fill("0"), ...back];
  const prefix = full.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return prefix.every((group) => group !== "NaN") && prefix.length === 4 ? `${prefix.join(":")}::/64` : text;
}
