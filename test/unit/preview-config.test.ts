import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Previews are public and hold synthetic data only: the workflow forks a
 * branch made for the purpose (`preview-base` by default), never the Neon
 * project's default branch, and checks that before it creates anything.
 */
const workflow = readFileSync(new URL("../../.github/workflows/preview.yml", import.meta.url), "utf8");

describe("preview deployments", () => {
  it("fork preview-base unless told otherwise, never the default branch, checked before the branch is made", () => {
    expect(workflow).toMatch(
      /^ {2}NEON_PARENT_BRANCH: \$\{\{ vars\.NEON_PREVIEW_PARENT_BRANCH \|\| 'preview-base' \}\}$/m,
    );
    const guard = workflow.indexOf("- name: Check the parent branch is made for previews");
    const create = workflow.indexOf("uses: neondatabase/create-branch-action");
    expect(guard).toBeGreaterThan(0);
    expect(create).toBeGreaterThan(guard);
    expect(workflow.slice(guard, create)).toMatch(/\.default \/\/ \.primary \/\/ false[\s\S]*exit 1/);
    expect(workflow.slice(create)).toMatch(/^ {10}parent_branch: \$\{\{ env\.NEON_PARENT_BRANCH \}\}$/m);
    expect(workflow).not.toMatch(/vars\.NEON_PARENT_BRANCH/);
  });
});
