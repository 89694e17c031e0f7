import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { SETTINGS, type SettingName } from "../../src/env.ts";

/**
 * Every setting's default is declared once, in SETTINGS (src/env.ts). The
 * places that speak of the settings — wrangler.toml, the configuration
 * table, and any "`NAME` (default N)" in the docs — must agree with it.
 */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const isSetting = (name: string): name is SettingName => Object.hasOwn(SETTINGS, name);
const shown = (value: number | string | undefined) => (value === undefined ? "—" : String(value));

describe("settings are declared once, in src/env.ts", () => {
  it("wrangler.toml sets only known vars, and only where an environment differs from the default", () => {
    let section = "";
    const vars: string[] = [];
    for (const line of read("wrangler.toml").split("\n")) {
      const header = /^\s*\[+([^\]]+)\]+/.exec(line);
      if (header?.[1]) {
        section = header[1];
        continue;
      }
      const assignment = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*"([^"]*)"/.exec(line);
      if (!assignment?.[1] || !/(^|\.)vars$/.test(section)) continue;
      const [, name, value] = assignment;
      vars.push(`${section}.${name}`);
      expect(isSetting(name), `${section}: ${name} is not in SETTINGS`).toBe(true);
      if (!isSetting(name)) continue;
      expect(SETTINGS[name].kind, `${section}: ${name}`).toBe("var");
      expect(value, `${section}: ${name} repeats its default; remove it`).not.toBe(shown(SETTINGS[name].default));
    }
    expect(vars.sort()).toEqual(
      [
        "vars.KEY_RATE_LIMIT",
        "vars.ADDRESS_RATE_LIMIT",
        // Locally any page may call the API; deployments allow no origin unless they say so.
        "vars.CORS_ORIGINS",
        "env.production.vars.KEY_RATE_LIMIT",
        "env.production.vars.ADDRESS_RATE_LIMIT",
        "env.preview.vars.KEY_RATE_LIMIT",
        "env.preview.vars.ADDRESS_RATE_LIMIT",
        "env.preview.vars.AUTH_CACHE_SECONDS",
      ].sort(),
    );
  });

  it("every environment's rate limit bindings are what its vars say (the limits the Worker reports)", () => {
    interface RateLimitBinding {
      name: string;
      namespace_id: string;
      simple: { limit: number; period: number };
    }
    const readConfig = (environment: string | undefined) => {
      const config = unstable_readConfig({ config: "wrangler.toml", env: environment }, { hideWarnings: true });
      return { vars: config.vars as Record<string, unknown>, ratelimits: config.ratelimits as RateLimitBinding[] };
    };
    for (const environment of [undefined, "production", "preview"]) {
      const config = readConfig(environment);
      const vars = config.vars as Record<string, string | undefined>;
      const stated = (name: SettingName) => vars[name] ?? shown(SETTINGS[name].default);
      const bindings = Object.fromEntries(config.ratelimits.map((binding) => [binding.name, binding.simple]));
      const where = environment ?? "top level";
      expect(Object.keys(bindings).sort(), where).toEqual(["ADDRESS_RATE_LIMITER", "KEY_RATE_LIMITER"]);
      expect(bindings.KEY_RATE_LIMITER, where).toEqual({
        limit: Number(stated("KEY_RATE_LIMIT")),
        period: Number(stated("KEY_RATE_PERIOD")),
      });
      expect(bindings.ADDRESS_RATE_LIMITER, where).toEqual({
        limit: Number(stated("ADDRESS_RATE_LIMIT")),
        period: Number(stated("ADDRESS_RATE_PERIOD")),
      });
      // Counters of one environment are not another's.
      expect(new Set(config.ratelimits.map((binding) => binding.namespace_id)).size, where).toBe(2);
    }
    const namespaces = [undefined, "production", "preview"].flatMap((environment) =>
      readConfig(environment).ratelimits.map((binding) => binding.namespace_id),
    );
    expect(new Set(namespaces).size).toBe(namespaces.length);
  });

  it("the configuration table (docs/configuration.md) lists every setting with its kind and default", () => {
    const table = read("docs/configuration.md");
    const rows = new Map<string, { kind: string; default: string }>();
    for (const match of table.matchAll(/^\| `([A-Z_]+)` \| ([^|]+?) \| ([^|]+?) \|/gm)) {
      const [, name, kind, value] = match;
      if (name && kind && value) rows.set(name, { kind, default: value.replaceAll("`", "") });
    }
    expect([...rows.keys()].sort()).toEqual(Object.keys(SETTINGS).sort());
    for (const [name, row] of rows) {
      if (!isSetting(name)) continue;
      expect(row, name).toEqual({ kind: SETTINGS[name].kind, default: shown(SETTINGS[name].default) });
    }
  });

  it("every `NAME` (default N) in the docs says the declared default", () => {
    const files = [
      "README.md",
      "SECURITY.md",
      "CONTRIBUTING.md",
      ...readdirSync(new URL("../../docs", import.meta.url)).map((file) => `docs/${file}`),
    ];
    let mentions = 0;
    for (const file of files.filter((name) => name.endsWith(".md"))) {
      for (const match of read(file).matchAll(/`([A-Z][A-Z0-9_]+)` \((?:default )?(\d+)/g)) {
        const [, name, value] = match;
        if (!name || !isSetting(name)) continue;
        mentions += 1;
        expect(`${file}: ${name} = ${value}`).toBe(`${file}: ${name} = ${shown(SETTINGS[name].default)}`);
      }
    }
    expect(mentions).toBeGreaterThan(0);
  });
});
