// End-to-end for many cases at once (issue 16): a spreadsheet imported in the real window (a
// bad one refused with its cell marked first), letters printed for a tag in one PDF, and the
// tag's bundles exported into a folder. Run by tests/e2e/run.sh, as appeal.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, until } from "selenium-webdriver";
import { finders, openWindow, root, startDriver, stopDriver } from "./session.mjs";

const dataDir = mkdtempSync(path.join(tmpdir(), "appeal-kit-e2e-batch-"));
// The app's save and open dialogs are replaced by its test seams (see save_path, pick_files).
const saveDir = mkdtempSync(path.join(tmpdir(), "appeal-kit-e2e-batch-saved-"));
const pickList = path.join(saveDir, "pick.txt");

let tauriDriver;
let driver;



const { $, $x, button, shot } = finders(() => driver);
const dialogButton = (text) => $x(`//div[@role='dialog']//button[normalize-space(.)='${text}']`);

/** Writes a spreadsheet and makes it what the open dialog "picks". */
function pickSheet(name, rows) {
  const file = path.join(saveDir, name);
  writeFileSync(file, rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",")).join("\n") + "\n");
  writeFileSync(pickList, file);
}

const header = ["provider", "title", "tags", "customer_type", "real_name_verified", "account_type", "card_added", "account_name", "holder_name", "uscc"];
const rows = [
  ["huawei-cloud", "North subsidiary", "march", "direct", "yes", "enterprise", "no", "hw-north", "North Co", "91350100M000100Y43"],
  ["huawei-cloud", "South subsidiary", "march", "direct", "yes", "enterprise", "no", "hw-south", "South Co", "91350100M000100Y43"],
  ["huawei-cloud", "West subsidiary", "march;west", "direct", "yes", "enterprise", "no", "hw-west", "West Co", ""],
];

before(async () => {
  tauriDriver = await startDriver({ APPEAL_KIT_DATA_DIR: dataDir, APPEAL_KIT_TEST_SAVE_DIR: saveDir, APPEAL_KIT_TEST_PICK: pickList });
  driver = await openWindow();
});

after(async () => {
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
});

test("a spreadsheet is previewed, refused while a cell is wrong, then imported", async () => {
  await (await button("Import spreadsheet…")).click();
  // The button is off until the providers have loaded: a click before that does nothing.
  const template = await dialogButton("Download template");
  await driver.wait(() => template.isEnabled(), 10000);
  await template.click();
  await driver.wait(() => existsSync(path.join(saveDir, "appeal-kit-huawei-cloud.csv")), 10000);
  assert.match(readFileSync(path.join(saveDir, "appeal-kit-huawei-cloud.csv"), "utf8"), /^\uFEFFprovider,title,tags,customer_type/);

  const bad = rows.map((r) => [...r]);
  bad[1][9] = "91350100M000100Y44";
  pickSheet("bad.csv", [header, ...bad]);
  await (await dialogButton("Choose CSV or XLSX…")).click();
  const cell = await $x("//div[@role='dialog']//td[@aria-invalid='true']");
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center', inline: 'center' })", cell);
  assert.equal(await cell.getAttribute("textContent"), "91350100M000100Y44");
  assert.match(await (await $x("//div[@role='dialog']//div[@role='alert']")).getText(), /row 3, column uscc: the check character should be 3/);
  assert.equal(await (await dialogButton("Import 2 cases")).isEnabled(), false);
  await shot("batch-01-import-refused");

  pickSheet("good.csv", [header, ...rows]);
  await (await dialogButton("Choose CSV or XLSX…")).click();
  const importButton = await dialogButton("Import 3 cases");
  await driver.wait(() => importButton.isEnabled(), 10000);
  await shot("batch-02-import-preview");
  await importButton.click();
  await $x("//*[contains(., 'Imported 3 cases.')]");
  for (const r of rows) await $x(`//table[contains(@class,'cases')]//button[normalize-space(.)='${r[1]}']`);
  await $x("//tr[.//button[normalize-space(.)='West subsidiary']]//button[contains(@class,'tag') and normalize-space(.)='west']");
});

test("letters for a tag print as one PDF, and the tag exports into a folder", async () => {
  const filter = await $("select[aria-label='Filter by tag']");
  await filter.findElement(By.css("option[value='march']")).click();
  await driver.wait(async () => (await driver.findElements(By.css("table.cases tbody tr"))).length === 3, 10000);
  await (await $("input[aria-label='Select all shown']")).click();
  const bar = await $x("//div[@role='region' and @aria-label='3 cases selected']");
  await shot("batch-03-selected");

  await (await bar.findElement(By.xpath(".//button[normalize-space(.)='Print letters…']"))).click();
  const pdfPath = path.join(saveDir, "letters-march.pdf");
  await driver.wait(() => existsSync(pdfPath), 15000);
  await $x("//*[contains(., 'Saved 3 letters') and contains(., 'West subsidiary')]");
  const pdf = readFileSync(pdfPath, "latin1");
  assert.ok(pdf.startsWith("%PDF-"));
  assert.equal(pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length, 3, "one page per authorization letter");

  await (await bar.findElement(By.xpath(".//button[normalize-space(.)='Export…']"))).click();
  await (await $x("//div[@role='dialog']//label[contains(., 'Export incomplete cases too')]")).click();
  await shot("batch-04-export");
  await (await dialogButton("Export…")).click();
  await $x("//*[contains(., 'Exported 3 bundles.')]");
  const bundles = readdirSync(path.join(saveDir, "bundles")).sort();
  assert.equal(bundles.length, 3, bundles.join(", "));
  assert.ok(bundles[0].startsWith("North subsidiary-") && bundles[0].endsWith(".zip"), bundles[0]);
});

test("the printed letters, scanned back as one stack, are filed to each case's letter", async () => {
  // The print run, sealed and scanned back as one PDF: each page rasterised at 150 dpi
  // (pdftoppm), sealed, turned a little, with noise, JPEG quality 70 (the fixtures example),
  // the stack shuffled, and a page with no code in it (a transfer slip) second.
  // Dropping files on the window is a native (GTK) drop that WebKitWebDriver cannot play, so
  // the stack goes through the button's file dialog (its test seam); both paths call kit's
  // batch_scan, and the drop is covered by Vitest (batch.test.tsx).
  const fixturesBin = process.env.APPEAL_KIT_FIXTURES_BIN ?? path.join(root, "target/debug/examples/fixtures");
  const fixtures = process.env.APPEAL_KIT_E2E_FIXTURES ?? path.join(root, "target/e2e-fixtures");
  execFileSync("pdftoppm", ["-r", "150", "-png", path.join(saveDir, "letters-march.pdf"), path.join(saveDir, "stack")]);
  const pages = readdirSync(saveDir).filter((n) => /^stack-\d+\.png$/.test(n)).sort();
  assert.equal(pages.length, 3);
  const scans = pages.map((n, i) => {
    const out = path.join(saveDir, n.replace(".png", ".jpg"));
    execFileSync(fixturesBin, ["scan", path.join(saveDir, n), out, String(i * 1.5 - 1.5), "seal"]);
    return out;
  });
  const slip = path.join(saveDir, "slip.jpg");
  execFileSync(fixturesBin, ["scan", path.join(fixtures, "transfer-slip.png"), slip, "0"]);
  const stack = path.join(saveDir, "stack.pdf");
  execFileSync(fixturesBin, ["scan-pdf", stack, scans[2], slip, scans[0], scans[1]]);
  writeFileSync(pickList, stack);

  await (await button("File letter scans…")).click();
  const dialog = await driver.wait(until.elementLocated(By.xpath("//div[@role='dialog' and .//h2[normalize-space(.)='Letter scans filed']]")), 90000);
  assert.match(await dialog.getText(), /3 pages filed to 3 cases\./);
  assert.match(await (await dialog.findElement(By.xpath(".//p[@role='alert']"))).getText(), /1 page was not filed/);
  assert.match(await dialog.getText(), /stack\.pdf, page 2: no letter code could be read on this page/);
  await shot("batch-05-scans-filed");
  await (await dialogButton("Close")).click();

  for (const r of rows) {
    await (await $x(`//table[contains(@class,'cases')]//button[normalize-space(.)='${r[1]}']`)).click();
    const letter = await $("li[data-item='authorization_letter']");
    const line = await letter.findElement(By.css(".thumb-letter"));
    assert.match(await line.getAttribute("textContent"), /, page 1 of 1, this case$/, r[1]);
    assert.equal((await letter.findElements(By.css("button.thumb"))).length, 1, r[1]);
    if (r[1] === "North subsidiary") {
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", letter);
      await shot("batch-06-letter-filed");
    }
    await (await button("← All cases")).click();
  }
});

test("the dashboard counts the tag's cases", async () => {
  await (await $x(`//button[normalize-space(.)="What's due"]`)).click();
  const march = await $x("//ul[@class='tag-stats']/li[@data-tag='march']");
  assert.match(await march.getText(), /3 cases/);
  await shot("batch-07-dashboard");
  await (await button("All cases")).click();
});
