import { fileURLToPath } from "node:url";

/**
 * Where the embedded development database lives. Anchored at the repository
 * root (not the working directory) so every script finds the same files
 * wherever it is started from. `.data/` is gitignored.
 */
export const DATA_DIR = fileURLToPath(new URL("../../.data", import.meta.url));
export const PGLITE_DIR = `${DATA_DIR}/pglite`;
export const PGLITE_LOCK = `${DATA_DIR}/pglite.lock`;
export const DEMO_KEYS_FILE = `${DATA_DIR}/demo-keys.json`;
export const WRANGLER_BIN = fileURLToPath(new URL("../../node_modules/.bin/wrangler", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
