import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * End-to-end tests: every package with an `e2e-tests` folder is a project.
 *
 * Playwright starts the backend and the frontend dev servers itself (or reuses
 * ones already running outside CI) and drives Debian's Chromium: Playwright's
 * own browser download cannot run on our machines. Set `CHROMIUM_PATH` to use
 * another Chromium build.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 60_000,

  expect: {
    timeout: 30_000,
  },

  webServer: [
    {
      command: 'npm run start --workspace backend',
      // Answers 200 only once every backend plugin has started.
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'npm run start --workspace app',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],

  forbidOnly: !!process.env.CI,

  retries: process.env.CI ? 1 : 0,

  // Backend and frontend share two cores: one worker keeps timings stable.
  workers: 1,

  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'on-first-retry',
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  projects: (generateProjects() ?? []).map(project => ({
    ...project,
    use: {
      ...project.use,
      channel: undefined,
      launchOptions: {
        executablePath,
        // Without these, Chromium keeps dialling hosts this closed network
        // refuses, and as root it needs --no-sandbox.
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    },
  })),
});
