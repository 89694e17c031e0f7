import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SETTINGS, type SettingName } from "../../src/env.ts";

/**
 * Every setting's default is declared once, in SETTINGS (src/env.ts). The
 * places that speak of the settings — wrangler.toml, the README's configuration
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
    expect(vars).toEqual(["env.preview.vars.AUTH_CACHE_SECONDS"]);
  });

  it("the README's configuration table lists every setting with its kind and default", () => {
    const readme = read("README.md");
    const table = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1),
    );
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
