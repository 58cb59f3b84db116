// A tour of every screen for people to look at (not a test): the case list, new case, import
// spreadsheet, interview, checklist (scrolled, with its sticky summary), profile, appeal,
// timeline, file viewer, letter and export dialogs, a blocked case and What's due, in English
// and Chinese at 1280x800 and 1024x700. Cases are made with the command line first.
//   tests/e2e/tour.sh [OUT_DIR]      (builds like run.sh, then runs this under Xvfb)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { openWindow, root, startDriver, stopDriver } from "./session.mjs";

const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const cli = path.join(target, "debug/appeal-kit");
const fixtures = process.env.APPEAL_KIT_E2E_FIXTURES ?? path.join(root, "target/e2e-fixtures");
const out = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "tour"));
const only = process.env.TOUR_ONLY ? new RegExp(process.env.TOUR_ONLY) : null;
const dataDir = mkdtempSync(path.join(tmpdir(), "appeal-kit-tour-"));
const saveDir = mkdtempSync(path.join(tmpdir(), "appeal-kit-tour-saved-"));
const pickList = path.join(saveDir, "pick.txt");
mkdirSync(out, { recursive: true });

const kit = (...args) => execFileSync(cli, ["--data-dir", dataDir, ...args], { encoding: "utf8" }).trim();
const json = (name, value) => {
  const file = path.join(saveDir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};
const fixture = (name) => path.join(fixtures, name);

// The cases: an enterprise's Huawei Cloud restore with a card (part done), an individual's
// Alibaba Cloud appeal by someone else (submitted), a blocked one, and one just opened.
const huawei = kit(
  "case", "new", "--provider", "huawei-cloud", "--title", "Huawei main account",
  "--answers", json("hw.json", { customer_type: "direct", real_name_verified: true, account_type: "enterprise", card_added: true, enterprise_in_china: true }),
  "--profile", json("hwp.json", { account_name: "hw-main-account", holder_name: "Example Trading Co., Ltd.", uscc: "91350100M000100Y43", contact_phone: "13800138000" }),
);
kit("attach", huawei, "card_front", fixture("card-front.jpg"));
kit("attach", huawei, "real_name_certificate", fixture("certificate.pdf"));
kit("attach", huawei, "transaction_records", fixture("invoices.pdf"));
kit("case", "tag", huawei, "march");
const alibaba = kit(
  "case", "new", "--provider", "alibaba-cloud", "--title", "Alibaba personal",
  "--answers", json("ali.json", { verification: "individual", appeal_items: ["change_phone"], submitter_is_verified_individual: false }),
);
kit("attach", alibaba, "id_card_front_back", fixture("transfer-slip.png"));
kit("attach", alibaba, "payment_proof", fixture("invoices.pdf"));
kit("status", alibaba, "submitted", "--ticket", "QRY-20261122-01");
kit("case", "new", "--provider", "alibaba-cloud", "--title", "Alibaba shop", "--answers", json("blocked.json", { verification: "none" }));
kit("case", "new", "--provider", "alibaba-cloud", "--title", "Mom's Alibaba account");

// A spreadsheet with one bad cell, for the import dialog's preview.
const sheet = path.join(saveDir, "accounts.csv");
writeFileSync(
  sheet,
  [
    "provider,title,tags,customer_type,real_name_verified,account_type,card_added,account_name,holder_name,uscc",
    "huawei-cloud,North subsidiary,march,direct,yes,enterprise,no,hw-north,North Co,91350100M000100Y43",
    "huawei-cloud,South subsidiary,march,direct,yes,enterprise,no,hw-south,South Co,91350100M000100Y44",
    "huawei-cloud,West subsidiary,march;west,direct,yes,enterprise,no,hw-west,West Co,",
  ].join("\n") + "\n",
);


const tauriDriver = await startDriver({ APPEAL_KIT_DATA_DIR: dataDir, APPEAL_KIT_TEST_SAVE_DIR: saveDir, APPEAL_KIT_TEST_PICK: pickList });
let driver;
try {
  driver = await openWindow();

  const $ = (css) => driver.wait(until.elementLocated(By.css(css)), 10000);
  const click = async (css) => (await $(css)).click();
  const settle = (ms = 350) => new Promise((r) => setTimeout(r, ms));
  const noDialog = () => driver.wait(async () => (await driver.findElements(By.css("div[role='dialog']"))).length === 0, 5000);
  const escape = async () => {
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await noDialog();
  };
  const openCase = async (title) => {
    await (await driver.wait(until.elementLocated(By.xpath(`//table[@class='cases']//button[normalize-space(.)="${title}"]`)), 10000)).click();
    await $("aside.checklist");
    await settle();
  };
  const back = async () => {
    await click("button.back");
    await $("table.cases");
  };
  const shotAs = async (prefix, name) => {
    if (only && !only.test(name)) return;
    await settle();
    writeFileSync(path.join(out, `${prefix}-${name}.png`), await driver.takeScreenshot(), "base64");
  };

  for (const lang of ["en", "zh"]) {
    const toggle = await (await $("header.topbar button.link[lang]")).getText();
    if (toggle !== (lang === "en" ? "中文" : "English")) {
      await click("header.topbar button.link[lang]");
      await settle(600);
    }
    for (const [w, h] of [
      [1280, 800],
      [1024, 700],
    ]) {
      await driver.manage().window().setRect({ width: w, height: h });
      const prefix = `${lang}-${w}x${h}`;
      const shot = (name) => shotAs(prefix, name);
      await $("table.cases");
      await shot("01-case-list");
      await click("header.topbar button.primary");
      await $("div[role='dialog']");
      await shot("02-new-case");
      await escape();
      writeFileSync(pickList, sheet);
      await click(".list-tools button.push");
      await $("div[role='dialog']");
      await click("div[role='dialog'] .template-row button:last-child");
      await $("div[role='dialog'] .sheet-preview");
      await settle(800);
      await shot("03-import-spreadsheet");
      await escape();
      await click(".segmented button:last-child");
      await settle(600);
      await shot("04-whats-due");
      await click(".segmented button:first-child");

      await openCase("Huawei main account");
      await shot("05-interview");
      await driver.executeScript("const a = document.querySelector('aside.checklist'); a.scrollTop = a.scrollHeight / 2;");
      await shot("06-checklist-scrolled");
      await click("aside.checklist .next-step button.link");
      await settle(800);
      await shot("07-next-step-shown");
      await click("#tab-profile");
      await shot("08-profile");
      await click("#tab-timeline");
      await shot("09-timeline");
      await click("#tab-questions");
      const thumb = await $("li[data-item='card_front'] button.thumb");
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", thumb);
      await thumb.click();
      await driver.wait(async () => driver.executeScript("const i = document.querySelector('div[role=dialog] .canvas img'); return !!i && i.complete && i.naturalWidth > 0"), 15000);
      await shot("10-viewer");
      await escape();
      const prepare = await $("li[data-item='authorization_letter'] .item-foot button");
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", prepare);
      await prepare.click();
      await driver.wait(async () => driver.executeScript("const i = document.querySelector('div[role=dialog] .letter-page img'); return !!i && i.complete && i.naturalWidth > 300"), 15000);
      // A large page image is decoded before it is painted: give WebKit the time to draw it.
      await settle(1200);
      await shot("11-letter");
      await escape();
      await click(".case-screen header.topbar button.export");
      await $("div[role='dialog'] .buttons");
      await settle(600);
      await shot("12-export");
      await escape();
      await back();

      await openCase("Alibaba personal");
      await click("#tab-appeal");
      await shot("13-appeal");
      await back();
      await openCase("Alibaba shop");
      await shot("14-blocked");
      await back();
      await openCase("Mom's Alibaba account");
      await shot("15-new-case-interview");
      await back();
    }
  }
  console.log(`screenshots in ${out}`);
} finally {
  // The language choice is kept in the app's WebKit storage, shared with the end-to-end tests
  // run after this: forget it, so they start in the default language as they expect.
  await driver
    ?.executeScript("localStorage.removeItem('appeal-kit.language');")
    .catch(() => {});
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
}
