import { readdirSync, readFileSync } from "node:fs";

/** The pids of every process this user can see (Linux /proc). */
function allPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** A process's command line as its arguments, or undefined once it has ended. */
function argumentsOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/** Every process's command line this user can read, as one string each (arguments joined by spaces). */
export function commandLines(): string[] {
  return allPids().flatMap((pid) => argumentsOf(pid)?.join(" ") ?? []);
}

/** The pids of the processes descending from `rootPid` whose executable (argv[0]) ends with `name` (Linux /proc). */
export function processesUnder(rootPid: number, name: string): number[] {
  const parents = new Map<number, number>();
  for (const pid of allPids()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command's closing parenthesis: state, ppid, ...
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let current = parents.get(pid); current !== undefined && current > 1; current = parents.get(current)) {
      if (current === rootPid) return true;
    }
    return false;
  };
  return [...parents.keys()].filter((pid) => descends(pid) && (argumentsOf(pid)?.[0] ?? "").endsWith(name));
}

/** Resident memory of a process, in KiB (VmRSS), or its peak so far (VmHWM). */
export function residentKib(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return 0; // the process has ended
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** utime + stime of a process, in seconds (Linux /proc, clock ticks of 1/100 s); 0 once it has ended. */
export function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
