import { test, type Page } from "@playwright/test";

/**
 * A named step that leaves a screenshot behind (target/playwright/<test>/NN-name.png),
 * whether it passed or failed, so that a failed run shows how far the flow got.
 */
export async function step(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  const info = test.info();
  const index = String(info.attachments.length + 1).padStart(2, "0");
  const file = info.outputPath(`${index}-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`);
  try {
    await test.step(name, body);
  } finally {
    await page.screenshot({ path: file }).catch(() => undefined);
    info.attachments.push({ name, path: file, contentType: "image/png" });
  }
}

export const env = {
  api: required("API_URL"),
  adminEmail: required("ADMIN_EMAIL"),
  adminPassword: required("ADMIN_PASSWORD"),
  accessTokenRefusedAfterSeconds: Number(process.env.ACCESS_TOKEN_REFUSED_AFTER_SECONDS ?? "0"),
  apiLog: process.env.API_LOG,
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see .ci/check-client.sh)`);
  return value;
}
