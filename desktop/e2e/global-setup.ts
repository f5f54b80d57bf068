import type { FullConfig } from '@playwright/test';
import { STACK_ENV, startStack, WEB_ROOT, type StackInfo } from './stack.js';

/** Starts the shared stack (MariaDB database, built server, Nginx) once; returns its teardown. */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const started = Date.now();
  const stack = await startStack({ instances: 1 });
  const info: StackInfo = {
    baseURL: stack.baseURL,
    instanceUrls: stack.instances.map((i) => i.url),
    webRoot: WEB_ROOT,
  };
  // Workers are started after this and inherit the environment (the config reads baseURL from it).
  process.env[STACK_ENV] = JSON.stringify(info);
  console.log(
    `e2e stack: nginx ${stack.baseURL} → ${info.instanceUrls.join(', ')} (${Date.now() - started} ms)`,
  );
  return async () => {
    await stack.stop();
  };
}
