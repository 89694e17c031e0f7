import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

/**
 * The key tooling as an operator runs it (`npm run apikey:create|list|revoke`),
 * against the test database: the key is printed once, by `create`, and never
 * again — `list` and `revoke` speak of ids only.
 */
const run = promisify(execFile);
const TSX = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
const ROOT = new URL("../..", import.meta.url).pathname;

async function script(name: string, ...args: string[]) {
  const { stdout, stderr } = await run(TSX, [`scripts/db/${name}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
  });
  return { stdout, stderr, all: `${stdout}\n${stderr}` };
}

describe("npm run apikey:create / apikey:list / apikey:revoke", () => {
  it("create prints the key once; list and revoke never print it", { timeout: 60_000 }, async () => {
    const organizationId = `org_cli_${Date.now()}`;
    const created = await script("apikey-create", organizationId, "--label", "cli test");
    const key = created.stdout.trim().split("\n").at(-1) ?? "";
    expect(key).toMatch(/^cq_[A-Za-z0-9_-]{43}$/);
    const id = /created API key ([0-9a-f]{12}) /.exec(created.stderr)?.[1] ?? "";
    expect(id).toMatch(/^[0-9a-f]{12}$/);

    const listed = await script("apikey-list", organizationId);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+active\\s+\\S+\\s+-\\s+cli test$`, "m"));
    expect(listed.all).not.toContain(key);

    const revoked = await script("apikey-revoke", id);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked API key ${id} of ${organizationId} \\(cli test\\) at `));
    expect(revoked.all).not.toContain(key);
    expect((await script("apikey-revoke", id)).stdout).toMatch(/was already revoked/);

    const after = await script("apikey-list", organizationId);
    expect(after.stdout).toMatch(new RegExp(`^${id}\\s+revoked\\s+`, "m"));
    expect(after.all).not.toContain(key);
  });

  it("refuses what is not a key id", async () => {
    await expect(script("apikey-revoke", "cq_notanid")).rejects.toMatchObject({
      stderr: expect.stringMatching(/invalid key id/),
    });
  });
});
