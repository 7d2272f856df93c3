import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_LOGINS } from '@shopgraph/seed-data/fixture';
import { chromiumInstalled, launchChromium } from './chromium';
import { startStorefrontStack } from './storefront-stack';
import type { StorefrontStack } from './storefront-stack';

const SETTLED = { timeout: 120_000 };
const TIMED_OUT = ['PLACED', 'STOCK_RESERVED', 'PAYMENT_FAILED', 'CANCELLED'];

describe.skipIf(!chromiumInstalled)('the storefront in Chromium', () => {
  let storefront: StorefrontStack;
  let browser: Browser;
  // generous: the storefront is built from source first, on a machine that may be busy
  beforeAll(async () => {
    // tok_slow's order stays open for a minute before it times out: on a busy machine the
    // page may take seconds to open, and the gateway must restart while the order is open
    storefront = await startStorefrontStack({ PAYMENT_TIMEOUT_MS: '60000', SIMULATED_PROCESSOR_SLOW_MS: '90000' });
    browser = await launchChromium();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await storefront?.stop();
  });

  const open = async (login: { email: string; password: string }): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${storefront.web.url}#/login`);
    await page.getByLabel('email').fill(login.email);
    await page.getByLabel('password').fill(login.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('button', { name: /^Log out/ }).waitFor();
    return page;
  };

  /** Finds a product by searching, adds it to the cart and places the order with `card`. */
  const checkOut = async (page: Page, { product, card }: { product: string; card: string }) => {
    await page.goto(`${storefront.web.url}#/`);
    await page.getByLabel('Search products').fill(product);
    await page.getByRole('link', { name: product, exact: true }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Go to the cart' }).click();
    await page.getByLabel('Card').selectOption(card);
    // a reload would drop this mark: CONFIRMED must arrive on the same page
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/#\/order\//);
  };

  const status = (page: Page) => page.getByTestId('order-status');
  const eventTypes = (page: Page) => page.getByTestId('order-events').locator('li').allInnerTexts();
  const eventIds = (page: Page) =>
    page.locator('[data-event-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-event-id')));

  it('lets a customer find a product, check out and watch CONFIRMED arrive without reloading', async () => {
    const page = await open(SEED_LOGINS.customer);
    await checkOut(page, { product: 'Rugged Lamp', card: 'tok_visa' });
    await expect.poll(() => status(page).innerText(), SETTLED).toBe('CONFIRMED');
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
    expect(await page.getByText('Payment: CAPTURED').count()).toBe(1);
    await page.context().close();
  });

  it('shows a declined card as a cancellation with its reason', async () => {
    const page = await open(SEED_LOGINS.customer);
    await checkOut(page, { product: 'Smart Mug', card: 'tok_chargeDeclined' });
    await expect.poll(() => status(page).innerText(), SETTLED).toBe('CANCELLED');
    expect(await page.getByTestId('cancellation-reason').innerText()).toBe('card_declined');
    await page.context().close();
  });

  it('keeps an order page live across a gateway restart, showing every event exactly once', async () => {
    const page = await open(SEED_LOGINS.customer);
    await checkOut(page, { product: 'Cozy Notebook', card: 'tok_slow' });
    // the page shows the order's story from PLACED on (fromStart), however late it opened
    await expect.poll(() => eventTypes(page), SETTLED).toHaveLength(2);
    await expect.poll(() => status(page).innerText(), SETTLED).toBe('AWAITING_PAYMENT');
    // the rest happens while the page resumes after STOCK_RESERVED on the new gateway
    await storefront.restartGateway();
    await expect.poll(() => status(page).innerText(), SETTLED).toBe('CANCELLED');
    expect(await page.getByTestId('cancellation-reason').innerText()).toBe('payment_timeout');
    await expect.poll(() => eventTypes(page), SETTLED).toHaveLength(TIMED_OUT.length);
    expect((await eventTypes(page)).map((text) => text.split(' ')[0])).toEqual(TIMED_OUT);
    const ids = await eventIds(page);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
    await page.context().close();
  }, 360_000); // the order stays open a minute by design; the rest is a bound against hanging

  it('shows an admin a new order in the live feed as it happens', async () => {
    const admin = await open(SEED_LOGINS.admin);
    await admin.waitForURL(/#\/admin/);
    await admin.getByTestId('live').getByText('live').waitFor();
    const customer = await open(SEED_LOGINS.customer);
    await checkOut(customer, { product: 'Bold Backpack', card: 'tok_visa' });
    const orderId = decodeURIComponent(customer.url().split('#/order/')[1] ?? '');
    const feed = admin.locator(`[data-order-id="${orderId}"]`);
    await expect.poll(() => feed.allInnerTexts(), SETTLED).toContainEqual(expect.stringContaining('CONFIRMED'));
    expect(await feed.first().innerText()).toContain(SEED_LOGINS.customer.email);
    await Promise.all([admin.context().close(), customer.context().close()]);
  });
});
