import { defineConfig } from "@playwright/test";

// Debian's chromium (apt-get install chromium): Playwright's own browser download is not
// reachable from CI. The service and the Vite server are started by .ci/check-client.sh.
export default defineConfig({
  testDir: "tests",
  outputDir: "../../target/playwright",
  // Step screenshots (see tests/steps.ts) are kept for failed tests only, unless
  // SCREENSHOTS=always asks to keep them all.
  preserveOutput: process.env.SCREENSHOTS === "always" ? "always" : "failures-only",
  timeout: 300_000, // generous: CI shares two cores with other builds
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: "http://localhost:5173",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
