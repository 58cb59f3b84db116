// What every end-to-end script shares: the app under test, tauri-driver serving WebDriver for
// it, a session on the real window, and finding things in that window.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import net from "node:net";
import { Builder, By, Capabilities, until } from "selenium-webdriver";

export const root = path.resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
export const application = process.env.APPEAL_KIT_APP ?? path.join(target, "debug/appeal-kit-desktop");
export const shots = path.join(import.meta.dirname, "screenshots");
mkdirSync(shots, { recursive: true });

const PORT = 4444;

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.end(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/** Starts tauri-driver; the app it launches gets `env` (its data directory, test seams). In a
 * process group of its own, with WebKitWebDriver and the apps, for `stopDriver`. */
export async function startDriver(env) {
  const child = spawn("tauri-driver", [], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env }, detached: true });
  await waitForPort(PORT, 15000);
  return child;
}

/** Ends tauri-driver and whatever it launched. An app left running once its session was closed
 * (seen once) kept the test runner's output pipe open, and the runner waited for it forever. */
export function stopDriver(child) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Launches the app and returns the WebDriver session on its window, once it shows. */
export async function openWindow() {
  const caps = new Capabilities();
  caps.set("tauri:options", { application });
  caps.setBrowserName("wry");
  const driver = await new Builder().withCapabilities(caps).usingServer(`http://127.0.0.1:${PORT}/`).build();
  await driver.wait(until.elementLocated(By.css("main")), 20000);
  return driver;
}

/** Finding and photographing things in the window of `current()` (the session may restart). */
export function finders(current, dir = shots) {
  const $ = (css) => current().wait(until.elementLocated(By.css(css)), 10000);
  const $x = (xpath) => current().wait(until.elementLocated(By.xpath(xpath)), 10000);
  const button = (text) => $x(`//button[normalize-space(.)='${text}']`);
  const shot = async (name) => writeFileSync(path.join(dir, `${name}.png`), await current().takeScreenshot(), "base64");
  return { $, $x, button, shot };
}
