/*
 * Drives Chromium over the pages the READMEs name (`visit` steps): each page
 * must render without a page crash or a console error, and show the README
 * example's data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Waits for the text, signing in as the guest when the app shows its
 * sign-in page first (the templates' guest provider).
 */
async function waitForText(page, text, timeout) {
  const enter = page.getByRole('button', { name: /^enter$/i });
  const wanted = page.getByText(text, { exact: false }).first();
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await wanted.isVisible().catch(() => false)) return;
    if (await enter.isVisible().catch(() => false)) {
      await enter.click();
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`"${text}" not shown within ${timeout / 1000} s`);
}

export async function checkPages({ baseUrl, visits, label, shotsDir }) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const failures = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    const page = await context.newPage();
    let errors = [];
    page.on('console', msg => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', err => errors.push(`page error: ${err.message}`));
    page.on('crash', () => errors.push('page crashed'));

    for (const visit of visits) {
      const name = `${label}${visit.path.replace(/[^a-z0-9]+/gi, '-')}`;
      errors = [];
      const started = Date.now();
      try {
        await page.goto(new URL(visit.path, baseUrl).toString(), {
          waitUntil: 'domcontentloaded',
        });
        await waitForText(page, visit.expect, 60_000);
        await page
          .waitForLoadState('networkidle', { timeout: 15_000 })
          .catch(() => {});
      } catch (e) {
        errors.push(`"${visit.expect}" not shown: ${e.message.split('\n')[0]}`);
      }
      await page
        .screenshot({
          path: path.join(shotsDir, `${name}.png`),
          fullPage: true,
        })
        .catch(() => {});
      const s = ((Date.now() - started) / 1000).toFixed(1);
      if (errors.length) {
        failures.push(
          `${visit.path} (${visit.source}):\n    ${errors.join('\n    ')}`,
        );
        console.log(`  FAIL ${visit.path}  "${visit.expect}"  ${s} s`);
      } else {
        console.log(`  ok   ${visit.path}  "${visit.expect}"  ${s} s`);
      }
    }
  } finally {
    await browser.close();
  }
  if (failures.length) {
    throw new Error(
      `${label}: ${failures.length} page(s) failed:\n  ${failures.join(
        '\n  ',
      )}`,
    );
  }
}
