// Account flows in the browser, through Nginx, against the real server and database.
import { expect, newCredentials, test } from './fixtures.js';
import { AppShell, LoginPage, SignUpPage } from './pages/index.js';

test('sign up, log out, log in remembering the email, and a reload keeps the session', async ({ page }) => {
  const account = newCredentials('Minji Kim');
  const shell = new AppShell(page);
  const signUp = new SignUpPage(page);
  const login = new LoginPage(page);

  await page.goto('/');
  await shell.expectLoggedOut();
  await shell.signupLink.click();
  await expect(signUp.heading).toBeVisible();
  await signUp.fill(account);
  await expect(signUp.emailAvailable).toBeVisible();
  await signUp.submit.click();
  await shell.expectLoggedIn(account.displayName);

  await shell.logOut();
  await shell.loginLink.click();
  await expect(login.heading).toBeVisible();
  await login.logIn({ email: account.email, password: account.password, rememberEmail: true });
  await shell.expectLoggedIn(account.displayName);

  await page.reload();
  await shell.expectLoggedIn(account.displayName);

  // "Remember my email": after logging out, the form comes back filled in and ticked.
  await shell.logOut();
  await login.goto();
  await expect(login.email).toHaveValue(account.email);
  await expect(login.rememberEmail).toBeChecked();
});

test('without "remember my email" the login form starts empty; a wrong password is explained', async ({
  page,
  signUp,
}) => {
  const account = await signUp('Jun Park');
  const shell = new AppShell(page);
  const login = new LoginPage(page);

  await login.goto();
  await login.logIn({ email: account.email, password: `${account.password}-wrong`, rememberEmail: false });
  await expect(login.alert).toContainText(login.t.errors.invalid_credentials);
  await shell.expectLoggedOut();

  await login.logIn({ email: account.email, password: account.password, rememberEmail: false });
  await shell.expectLoggedIn(account.displayName);
  await shell.logOut();
  await login.goto();
  await expect(login.email).toHaveValue('');
  await expect(login.rememberEmail).not.toBeChecked();
});

test('the language switch turns the shell Korean and the choice survives a reload', async ({ page }) => {
  const shell = new AppShell(page);
  await page.goto('/');
  await shell.switchLanguage('ko');
  await expect(shell.loginLink).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(shell.loginLink).toBeVisible();
});
