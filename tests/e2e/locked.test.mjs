// End-to-end for the locked store (issue 17): a passphrase set in the window (on a store with
// cases, from the header's passphrase button) and changed there; the app restarted opens to the
// unlock screen, refuses a wrong passphrase, shows the cases with the right one, and Lock (the
// button, then Ctrl+L) goes back to the unlock screen. Run by tests/e2e/run.sh, as
// appeal.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { application, finders, openWindow, startDriver, stopDriver } from "./session.mjs";

// The command line built beside the desktop binary.
const cli = path.join(path.dirname(application), "appeal-kit");
const dataDir = mkdtempSync(path.join(tmpdir(), "appeal-kit-e2e-locked-"));
const secrets = mkdtempSync(path.join(tmpdir(), "appeal-kit-e2e-locked-pass-"));
const passphraseFile = path.join(secrets, "passphrase");
const FIRST_PASSPHRASE = "first horse battery staple";
const PASSPHRASE = "correct horse battery staple";

let tauriDriver;
let driver;



const { $, $x, button, shot } = finders(() => driver);
const unlockScreen = () => $x("//main[@class='unlock']//h1[normalize-space(.)='The case store is locked']");

async function startApp() {
  driver = await openWindow();
  // The interface language is kept by the webview between runs: this test reads English.
  if ((await driver.executeScript("return localStorage.getItem('appeal-kit.language')")) !== "en") {
    await driver.executeScript("localStorage.setItem('appeal-kit.language', 'en')");
    await driver.navigate().refresh();
    await driver.wait(until.elementLocated(By.css("main")), 20000);
  }
}

before(async () => {
  // Two cases made at the command line, no passphrase yet.
  const env = { ...process.env, APPEAL_KIT_DATA_DIR: dataDir, APPEAL_KIT_PASSPHRASE_FILE: passphraseFile };
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
  execFileSync(cli, ["case", "new", "--provider", "huawei-cloud", "--title", "Locked Huawei account"], { env });
  execFileSync(cli, ["case", "new", "--provider", "alibaba-cloud", "--title", "Locked Alibaba account"], { env });
  tauriDriver = await startDriver({ APPEAL_KIT_DATA_DIR: dataDir });
  await startApp();
});

after(async () => {
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
});

async function unlockWith(passphrase) {
  const field = await $("#unlock-passphrase");
  await driver.wait(until.elementIsEnabled(field), 10000);
  await field.clear();
  await field.sendKeys(passphrase, Key.ENTER);
}

/** Types into the field with this id, replacing what is there. */
async function type(id, text) {
  const field = await $(`#${id}`);
  await driver.wait(until.elementIsEnabled(field), 30000);
  await field.clear();
  await field.sendKeys(text);
}

test("a passphrase set and changed in the window", async () => {
  await button("Locked Huawei account");
  await (await button("Set a passphrase…")).click();
  await type("new-passphrase", FIRST_PASSPHRASE);
  await type("confirm-passphrase", FIRST_PASSPHRASE);
  await shot("locked-00-set");
  await (await button("Encrypt the cases")).click();
  // Encrypted and still open: the cases stay, Lock appears.
  await driver.wait(until.elementLocated(By.xpath("//button[normalize-space(.)='Lock']")), 60000);
  await button("Locked Huawei account");

  // Changed: a wrong current passphrase is refused, the right one changes it.
  await (await button("Passphrase…")).click();
  const submit = () => $("form.passphrase-form button[type='submit']");
  await type("current-passphrase", "not the passphrase");
  await type("changed-passphrase", PASSPHRASE);
  await type("changed-passphrase-again", PASSPHRASE);
  await (await submit()).click();
  const alert = await $x("//form[contains(@class,'passphrase-form')]//p[@role='alert']");
  await driver.wait(until.elementTextContains(alert, "not the right one"), 30000);
  await type("current-passphrase", FIRST_PASSPHRASE);
  await (await submit()).click();
  await $x("//*[contains(., 'The passphrase is changed')]");
  await shot("locked-00-changed");
});

test("after a restart the store opens to the unlock screen", async () => {
  await driver.quit();
  await startApp();
});

test("a locked store opens to the unlock screen, refuses a wrong passphrase, unlocks, and locks again", async () => {
  await unlockScreen();
  // Nothing of the cases is on screen while locked.
  assert.equal((await driver.findElements(By.xpath("//*[contains(., 'Locked Huawei account')]"))).length, 0);
  await shot("locked-01-unlock");

  await unlockWith("not the passphrase");
  const alert = await $x("//p[@role='alert']");
  await driver.wait(until.elementTextContains(alert, "not the right one"), 10000);
  assert.equal(await alert.getText(), "That passphrase is not the right one. Check it and try again.");
  await unlockScreen();
  await shot("locked-02-wrong");

  const started = Date.now();
  await unlockWith(PASSPHRASE);
  await button("Locked Huawei account");
  await button("Locked Alibaba account");
  console.log(`# unlocked and listed the cases in ${Date.now() - started} ms`);
  await shot("locked-03-cases");

  await (await button("Lock")).click();
  await unlockScreen();
  assert.equal((await driver.findElements(By.xpath("//*[contains(., 'Locked Huawei account')]"))).length, 0);
  await shot("locked-04-locked");

  // Again, locking with the keyboard this time, from inside a case.
  await unlockWith(PASSPHRASE);
  await (await button("Locked Huawei account")).click();
  await $x("//h1[contains(., 'Locked Huawei account')]");
  await driver.actions().keyDown(Key.CONTROL).sendKeys("l").keyUp(Key.CONTROL).perform();
  await unlockScreen();
});
