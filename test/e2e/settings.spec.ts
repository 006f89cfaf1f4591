import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import { keychainUnavailable } from '../support/keychain';
import { hasChromium, missingChromiumReason } from './system-browser';
import { runCredentials } from '../support/run-credentials';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

/** A supplier pair standing in for UAT, with credentials only this run knows. */
const creds = runCredentials('e2e');
const profileName = `UAT e2e ${randomBytes(2).toString('hex')}`;
let uat: SandboxPair;
let noKeychain = false;

test.beforeAll(async () => {
  noKeychain = await keychainUnavailable();
  uat = await startSandbox({
    ascenda: { credentials: [{ clientId: creds.clientId, clientSecret: creds.clientSecret }] },
    gcp: { credentials: [{ email: creds.email, accessToken: creds.accessToken }] },
  });
});
test.afterAll(() => uat?.stop());

test.beforeEach(async ({ page }) => {
  test.skip(
    noKeychain,
    'SKIPPED: no OS keychain / Secret Service; run under dbus-run-session as .ci/run does.',
  );
  await page.goto(process.env.DESK_BRIDGE_URL!);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
});

const connection = (page: Page, supplier: string) =>
  page.getByRole('region', { name: `${supplier} connection` });

async function saveCredential(page: Page, label: string, value: string) {
  const row = page.getByRole('form', { name: label });
  await row.getByRole('textbox').or(row.locator('input')).first().fill(value);
  await row.getByRole('button', { name: `Save ${label}` }).click();
  await expect(page.getByText(new RegExp(`${label} saved to the OS keychain`, 'i'))).toBeVisible();
  await expect(row.getByText('✓ Set')).toBeVisible();
}

test('the Sandbox profile connects to its simulators with no setup', async ({ page }) => {
  await expect(page.getByRole('button', { name: /Sandbox.*SANDBOX.*Active/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(
    page.getByText('The Sandbox uses the simulators’ built-in credentials.', { exact: false }),
  ).toBeVisible();
  await connection(page, 'Ascenda').getByRole('button', { name: 'Test Ascenda connection' }).click();
  await expect(connection(page, 'Ascenda').getByRole('status')).toContainText('✓ Connected');
  await expect(connection(page, 'Ascenda').getByRole('status')).toContainText('520 gift cards');
});

test('creates a profile, keeps its credentials in the keychain, tests both suppliers and makes it active', async ({
  page,
}) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  await page.getByRole('button', { name: 'New profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'New profile' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Create profile' }).click();
  await expect(dialog.getByText('Enter a profile name')).toBeVisible();
  await expect(dialog.getByLabel('Profile name')).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByLabel('Profile name').fill(profileName);
  await expect(dialog.getByLabel('Ascenda base URL')).toHaveValue('https://api.us.uat.ascenda.com');
  await dialog.getByLabel('Production (real money)').check();
  await expect(dialog.getByLabel('Ascenda base URL')).toHaveValue('https://api.us.ascenda.com');
  await dialog.getByLabel('UAT (test)').check();
  await dialog.getByLabel('Ascenda region').selectOption({ label: 'Custom URL' });
  await dialog.getByLabel('Ascenda base URL').fill(uat.urls.ascenda);
  await dialog.getByLabel('GiftCard Partners base URL').fill('http://partner.example');
  await dialog.getByLabel('Cost per point, by currency').fill('USD 0.02, JPY 1');
  await dialog.getByLabel('Your name for the audit log').fill('E2E Agent');
  await dialog.getByRole('button', { name: 'Create profile' }).click();
  await expect(dialog.getByText(/plain http:\/\/ only for 127\.0\.0\.1/)).toBeVisible();
  await dialog.screenshot({ path: 'test-results/e2e/settings-new-profile.png' });
  await dialog.getByLabel('GiftCard Partners base URL').fill(uat.urls.gcp);
  await dialog.getByRole('button', { name: 'Create profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: profileName })).toBeVisible();

  await connection(page, 'Ascenda').getByRole('button', { name: 'Test Ascenda connection' }).click();
  await expect(connection(page, 'Ascenda').getByRole('status')).toContainText(
    'credentials could not be loaded: not set in the keychain',
  );

  await saveCredential(page, 'Ascenda client id', creds.clientId);
  await saveCredential(page, 'Ascenda client secret', 'a-wrong-secret');
  await connection(page, 'Ascenda').getByRole('button', { name: 'Test Ascenda connection' }).click();
  const ascendaResult = connection(page, 'Ascenda').getByRole('status');
  await expect(ascendaResult).toContainText('✗ Failed');
  await expect(ascendaResult).toContainText('Ascenda: Credentials refused');
  await expect(ascendaResult).toContainText('HTTP 401');
  await ascendaResult.getByText('Details for support').click();
  await expect(ascendaResult.getByText('get access token')).toBeVisible();
  await connection(page, 'Ascenda').screenshot({ path: 'test-results/e2e/settings-connection-failed.png' });

  await saveCredential(page, 'Ascenda client secret', creds.clientSecret);
  await connection(page, 'Ascenda').getByRole('button', { name: 'Test Ascenda connection' }).click();
  await expect(ascendaResult).toContainText('✓ Connected');

  await saveCredential(page, 'GiftCard Partners api email', creds.email);
  await saveCredential(page, 'GiftCard Partners access token', creds.accessToken);
  await connection(page, 'GiftCard Partners')
    .getByRole('button', { name: 'Test GiftCard Partners connection' })
    .click();
  await expect(connection(page, 'GiftCard Partners').getByRole('status')).toContainText(
    'USD 2,500.00 available',
  );

  // Set means set: the page never holds a saved value again.
  const html = await page.content();
  for (const secret of Object.values(creds)) expect(html).not.toContain(secret);

  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
  await page.getByRole('button', { name: 'Use this profile' }).click();
  await expect(page.getByRole('status', { name: 'Environment: UAT' })).toHaveText('UAT');
  await expect(page.getByRole('button', { name: new RegExp(`${profileName}.*UAT.*Active`) })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/settings-light.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/e2e/settings-dark.png', fullPage: true });
  // The dialogs' accessibility primitives add styles under the page's CSP nonce, never against the policy.
  expect(cspViolations).toEqual([]);
});

test('deletes the profile with its keychain entries after asking, by keyboard', async ({ page }) => {
  await expect(page.getByRole('status', { name: 'Environment: UAT' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(profileName) }).click();
  await page.getByRole('button', { name: 'Delete profile' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete “${profileName}”?` });
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: 'Delete profile' }).click();
  await confirm.getByRole('button', { name: 'Delete profile' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '4 credentials removed from the keychain' }),
  ).toBeVisible();
  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(profileName) })).toHaveCount(0);
});

test('a Production profile shows its banner and badge while active; the Sandbox keeps only agent settings editable', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Sandbox' });
  await expect(edit.getByLabel('Profile name')).toHaveCount(0);
  await edit.getByLabel('Your name for the audit log').fill('Sam Agent');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('definition').filter({ hasText: 'Sam Agent' })).toBeVisible();

  const name = `Prod e2e ${randomBytes(2).toString('hex')}`;
  await page.getByRole('button', { name: 'New profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'New profile' });
  await dialog.getByLabel('Profile name').fill(name);
  await dialog.getByLabel('Production (real money)').check();
  await dialog.getByLabel('GiftCard Partners base URL').fill('https://api.partner.example');
  await dialog.getByLabel('Your name for the audit log').fill('Sam Agent');
  await dialog.getByRole('button', { name: 'Create profile' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Use this profile' }).click();
  await expect(page.getByRole('status', { name: 'Environment: PRODUCTION' })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Production profile' })).toContainText('real money');
  await page.getByRole('button', { name: 'Delete profile' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Production profile' })).toHaveCount(0);
});
