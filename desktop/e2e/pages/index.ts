// Page models shared by the web (Nginx) and the Electron e2e: the only place that knows selectors.
export { AppShell } from './app-shell.js';
export { LoginPage } from './login-page.js';
export { SignUpPage, type SignUpForm } from './sign-up-page.js';
export { messages, type Language, type Messages } from './messages.js';
