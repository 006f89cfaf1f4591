import type { Locator, Page } from '@playwright/test';

/** Ticks the first item the Place order screen's catalogue search lists, and returns the order form. */
export async function pickFirstItem(page: Page): Promise<Locator> {
  await page
    .getByRole('group', { name: /matching item/ })
    .getByRole('radio')
    .first()
    .check();
  return page.getByRole('form', { name: /^2\. Order/ });
}

/** Fills what an Ascenda order needs besides the item: the member and the card's recipient fields. */
export async function fillAscendaMember(form: Locator): Promise<void> {
  await form.getByLabel('Ascenda member id (UUID)').fill('0b6f1e8a-3f0c-4c7e-9a51-6a3f2d1c9b7e');
  await form.getByLabel(/^Email/).fill('member@example.com');
  await form.getByLabel(/^Phone number/).fill('+6591234567');
}
