// Measures, for each app, the time from asking WebDriver for a session (which launches the app)
// until its first screen is usable, and the resident memory of the app and its WebKit
// processes once it is. Prints medians of RUNS launches.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

const require = createRequire(path.resolve("tests/e2e/package.json"));
const { Builder, By, Capabilities, until } = require("selenium-webdriver");
const RUNS = Number(process.env.RUNS ?? 9);
const work = process.argv[2];
// The binaries of CARGO_TARGET_DIR when set, as cargo put them there.
const release = path.resolve(process.env.CARGO_TARGET_DIR ?? "target", "release");

function rssKiB(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The process and all its descendants (WebKitWebProcess, WebKitNetworkProcess, …). */
function tree(root) {
  const children = new Map();
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(p)]);
    } catch {}
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

async function waitForPort(port) {
  for (let i = 0; i < 150; i++) {
    const ok = await new Promise((r) => net.connect(port, "127.0.0.1", function () { this.end(); r(true); }).on("error", () => r(false)));
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not start");
}

/** One launch: the time until `readySelector` is on screen, and the memory then. */
async function launch(binary, readySelector, dataDir) {
  const driverProc = spawn("tauri-driver", [], { stdio: "ignore", env: { ...process.env, APPEAL_KIT_DATA_DIR: dataDir } });
  await waitForPort(4444);
  const caps = new Capabilities();
  caps.set("tauri:options", { application: binary });
  caps.setBrowserName("wry");
  const t0 = performance.now();
  const driver = await new Builder().withCapabilities(caps).usingServer("http://127.0.0.1:4444/").build();
  // Polled every 5 ms: selenium's default (200 ms) rounds each launch up to its next poll,
  // which for an app ready a moment after the session opens added up to 200 ms.
  await driver.wait(until.elementLocated(By.css(readySelector)), 30000, undefined, 5);
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
  const pid = Number(execFileSync("pgrep", ["-n", "-f", `^${binary}`]).toString().trim());
  const mib = tree(pid).reduce((sum, p) => sum + rssKiB(p), 0) / 1024;
  await driver.quit();
  driverProc.kill();
  await new Promise((r) => setTimeout(r, 300));
  return { ms, mib };
}

const apps = [
  { name: "minimal Tauri window", binary: path.join(release, "minimal-window"), ready: "#ready", dir: `${work}/none` },
  { name: "Appeal Kit, empty store", binary: path.join(release, "appeal-kit-desktop"), ready: "main h2", dir: `${work}/empty` },
  { name: "Appeal Kit, 10,000 cases", binary: path.join(release, "appeal-kit-desktop"), ready: "table.cases tbody tr", dir: `${work}/10k` },
];
// Launches taken in turn (minimal, empty, 10k, minimal, ...), so a slow spell of the machine
// weighs on every app alike instead of on whichever ran then.
const runs = apps.map(() => []);
for (let i = 0; i < RUNS; i++) {
  for (const [n, app] of apps.entries()) runs[n].push(await launch(app.binary, app.ready, app.dir));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = apps.map((app, n) => ({ name: app.name, ms: median(runs[n].map((r) => r.ms)), mib: median(runs[n].map((r) => r.mib)) }));
if (process.env.SAMPLES) for (const [n, app] of apps.entries()) console.log(app.name, runs[n].map((r) => r.ms.toFixed(0)).join(" "));
console.log(`\nLaunch to usable and memory, median of ${RUNS} launches each`);
console.log("app                          launch→usable   memory (app + WebKit processes)");
for (const r of rows) console.log(`${r.name.padEnd(28)} ${r.ms.toFixed(0).padStart(8)} ms   ${r.mib.toFixed(0).padStart(6)} MiB`);
const base = rows[0];
for (const r of rows.slice(1)) console.log(`${r.name}: ${(r.ms / base.ms).toFixed(2)}× the time, ${(r.mib / base.mib).toFixed(2)}× the memory of the minimal window`);
