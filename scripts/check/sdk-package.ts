import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMain } from "../cli.ts";
import { REPO_ROOT } from "../dev/paths.ts";
import { type LocalService, startLocalService, stopLocalService } from "../dev/spawned-service.ts";

/**
 * `npm run sdk:check-package`: the SDK as a project that installs it gets it.
 *
 * 1. Builds sdk/ and packs it (`npm pack`): the tarball holds package.json,
 *    the README and dist/ only, and declares no dependency.
 * 2. Installs the tarball into a scratch project outside the repository
 *    (offline: it has no dependencies to fetch).
 * 3. Type-checks sdk/check/consumer.ts there with `strict`, under
 *    `moduleResolution` `bundler` (browser globals, no Node types) and
 *    `node16` (Node types, no DOM), and compiles the README's examples
 *    (sdk/examples/) against the installed package.
 * 4. Starts the service (`npm run serve`, demo data) and runs the examples
 *    with plain `node`.
 *
 * TypeScript and @types/node come from the repository's node_modules.
 */
const SDK = join(REPO_ROOT, "sdk");
const TSC = join(REPO_ROOT, "node_modules/.bin/tsc");
const TYPE_ROOTS = join(REPO_ROOT, "node_modules/@types");
const ORGANIZATION = "org_demo_acme";

const started = Date.now();
const log = (message: string) => console.log(`[sdk ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

function pack(destination: string): string {
  run("npm", ["run", "sdk:build"], REPO_ROOT);
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", destination], SDK)) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!packed) throw new Error("npm pack reported no package");
  const stray = packed.files
    .map((file) => file.path)
    .filter((path) => !/^(package\.json|README\.md|dist\/.+)$/.test(path));
  if (stray.length > 0) throw new Error(`the package holds files beyond dist/: ${stray.join(", ")}`);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  log(
    `packed ${packed.filename}: ${packed.files.length} files, ${kib(packed.size)} (${kib(packed.unpackedSize)} unpacked)`,
  );
  return join(destination, packed.filename);
}

function tsconfig(mode: "bundler" | "node16", files: string[], outDir?: string): object {
  return {
    compilerOptions: {
      strict: true,
      target: "ES2022",
      skipLibCheck: false,
      ...(mode === "bundler"
        ? { module: "ESNext", moduleResolution: "bundler", lib: ["ES2022", "DOM"], types: [] }
        : { module: "node16", moduleResolution: "node16", lib: ["ES2022"], types: ["node"], typeRoots: [TYPE_ROOTS] }),
      ...(outDir ? { outDir, rootDir: "." } : { noEmit: true }),
    },
    files,
  };
}

/** The scratch project: the tarball installed, the consumer and the examples beside it. */
function scratchProject(directory: string, tarball: string): string[] {
  writeFileSync(
    join(directory, "package.json"),
    JSON.stringify({ name: "sdk-consumer", private: true, type: "module" }),
  );
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], directory);
  copyFileSync(join(SDK, "check/consumer.ts"), join(directory, "consumer.ts"));
  mkdirSync(join(directory, "examples"));
  const examples = readdirSync(join(SDK, "examples")).filter((name) => name.endsWith(".ts"));
  for (const name of examples) copyFileSync(join(SDK, "examples", name), join(directory, "examples", name));
  writeFileSync(join(directory, "tsconfig.bundler.json"), JSON.stringify(tsconfig("bundler", ["consumer.ts"])));
  writeFileSync(join(directory, "tsconfig.node16.json"), JSON.stringify(tsconfig("node16", ["consumer.ts"])));
  writeFileSync(
    join(directory, "tsconfig.examples.json"),
    JSON.stringify(
      tsconfig(
        "node16",
        examples.map((name) => `examples/${name}`),
        "build",
      ),
    ),
  );
  return examples;
}

function runExamples(directory: string, examples: string[], service: LocalService): void {
  const apiKey = service.keys[ORGANIZATION];
  if (!apiKey) throw new Error(`the service printed no demo key for ${ORGANIZATION}`);
  const env = {
    ...process.env,
    CONTACT_QUERY_URL: service.baseUrl,
    CONTACT_QUERY_API_KEY: apiKey,
    CONTACT_QUERY_ORG: ORGANIZATION,
  };
  for (const name of examples) {
    if (name === "connect.ts") continue;
    const output = run("node", [`build/examples/${name.replace(/\.ts$/, ".js")}`], directory, env);
    log(`node examples/${name}:\n${output.trimEnd().replace(/^/gm, "    ")}`);
  }
}

async function main(): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), "sdk-consumer-"));
  let service: LocalService | undefined;
  try {
    const examples = scratchProject(directory, pack(directory));
    log(`installed the tarball into ${directory}`);
    for (const mode of ["bundler", "node16"]) {
      run(TSC, ["-p", `tsconfig.${mode}.json`], directory);
      log(`consumer.ts type-checks (strict, moduleResolution ${mode})`);
    }
    run(TSC, ["-p", "tsconfig.examples.json"], directory);
    log(`${examples.length} examples compile against the installed package`);

    log("starting npm run serve");
    service = await startLocalService("serve");
    log(`service at ${service.baseUrl}`);
    runExamples(directory, examples, service);
    log("the installed SDK works");
    return 0;
  } finally {
    if (service) await stopLocalService(service);
    rmSync(directory, { recursive: true, force: true });
  }
}

runMain(main);
