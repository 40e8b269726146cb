import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { env, step } from "./steps";

const password = "browser-test-password";

/** A fresh user and a product to order, through the API itself. */
async function fixtures(request: APIRequestContext): Promise<{ email: string; productName: string }> {
  const suffix = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const email = `browser-${suffix}@example.com`;
  const registered = await request.post(`${env.api}/api/v1/auth/register`, {
    data: { email, password, displayName: "Browser Tester" },
  });
  expect(registered.status()).toBe(201);
  const admin = await request.post(`${env.api}/api/v1/auth/login`, {
    data: { email: env.adminEmail, password: env.adminPassword },
  });
  expect(admin.status()).toBe(200);
  const { accessToken } = await admin.json();
  const productName = `Browser mug ${suffix}`;
  const product = await request.post(`${env.api}/api/v1/products`, {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: { sku: `BROWSER-${suffix}`, name: productName, price: "12.50", stock: 5 },
  });
  expect(product.status()).toBe(201);
  return { email, productName };
}

test("log in, list and create posts, order idempotently, see problems, survive token expiry", async ({
  page,
  request,
}) => {
  const { email, productName } = await fixtures(request);
  const title = `Written in a real browser ${Date.now()}`;

  await step(page, "open the page", async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Posts" })).toBeVisible();
    await expect(page.locator("#page-origin")).toHaveText("http://localhost:5173");
    await expect(page.getByTestId("problem")).toBeHidden();
  });

  await step(page, "wrong password shows the problem", async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("problem")).toContainText("401 Invalid credentials");
    await expect(page.getByTestId("problem")).toContainText("urn:problem-type:invalid-credentials");
  });

  await step(page, "log in", async () => {
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("whoami")).toContainText(`Signed in as Browser Tester <${email}> (USER)`);
    await expect(page.getByTestId("problem")).toBeHidden();
  });

  await step(page, "an invalid post shows the field errors", async () => {
    await page.getByLabel("Title").fill("");
    await page.getByLabel("Body").fill("A body without a title.");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("problem")).toContainText("422 Validation failed");
    await expect(page.getByTestId("problem")).toContainText("title: must not be blank");
  });

  await step(page, "create a post and see it listed", async () => {
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Body").fill("Created by the Playwright test through the generated client.");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("posts")).toContainText(title);
    await expect(page.getByTestId("problem")).toBeHidden();
  });

  let orderLine = "";
  await step(page, "place an order with an Idempotency-Key", async () => {
    await page.getByTestId("product").selectOption({ label: `${productName} (12.50, 5 in stock)` });
    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByTestId("order")).toContainText("PENDING, total 25.00 (HTTP 201, Idempotent-Replayed: false)");
    orderLine = (await page.getByTestId("order").textContent()) ?? "";
    await expect(page.getByTestId("idempotency-key")).toHaveText(/^[0-9a-f-]{36}$/);
  });

  await step(page, "sending the same order again replays it", async () => {
    const orderId = orderLine.match(/Order #(\d+)/)?.[1];
    await page.getByRole("button", { name: "Send again (same Idempotency-Key)" }).click();
    await expect(page.getByTestId("order")).toContainText(`Order #${orderId} PENDING`);
    await expect(page.getByTestId("order")).toContainText("Idempotent-Replayed: true");
  });

  await step(page, "ordering more than the stock shows the conflict", async () => {
    await page.getByLabel("Quantity").fill("50");
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByTestId("problem")).toContainText("409 Insufficient stock");
  });

  await step(page, "an expired access token is refreshed once and the call goes through", async () => {
    expect(env.accessTokenRefusedAfterSeconds, "ACCESS_TOKEN_REFUSED_AFTER_SECONDS: short-lived tokens needed")
      .toBeGreaterThan(0);
    const expired = await page.evaluate(() => JSON.parse(sessionStorage.getItem("tokens")!).accessToken as string);
    await page.waitForTimeout((env.accessTokenRefusedAfterSeconds + 2) * 1000);
    const refreshes: number[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith("/api/v1/auth/refresh")) refreshes.push(response.status());
    });
    await page.getByLabel("Title").fill(`${title} (after expiry)`);
    await page.getByLabel("Body").fill("The first attempt got a 401, the client refreshed and repeated it.");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("posts")).toContainText(`${title} (after expiry)`);
    expect(refreshes).toEqual([200]);
    const current = await page.evaluate(() => JSON.parse(sessionStorage.getItem("tokens")!).accessToken as string);
    expect(current).not.toBe(expired);
  });
});

test("a page on an origin that is not on the allow-list is rejected by CORS", async ({ page, request }) => {
  const rejectedOrigin = "http://127.0.0.1:5173";

  await step(page, "open the page on 127.0.0.1 instead of localhost", async () => {
    await page.goto(`${rejectedOrigin}/`);
    await expect(page.locator("#page-origin")).toHaveText(rejectedOrigin);
  });

  await step(page, "the page explains the origin trap", async () => {
    await expect(page.getByTestId("problem")).toContainText("API not reachable from this page");
    await expect(page.getByTestId("problem")).toContainText("not on its CORS allow-list");
    await expect(page.getByTestId("problem")).toContainText(
      "http://localhost:5173 and http://127.0.0.1:5173 are different origins",
    );
  });

  await step(page, "logging in from there fails the same way", async () => {
    await page.getByLabel("Email").fill("someone@example.com");
    await page.getByLabel("Password").fill("whatever-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("problem")).toContainText("not on its CORS allow-list");
    await expect(page.getByTestId("whoami")).toBeHidden();
  });

  await step(page, "the server's answer is a problem+json 403 naming the origin", async () => {
    const answer = await request.get(`${env.api}/api/v1/posts`, {
      headers: { Origin: rejectedOrigin, "X-Request-Id": "browser-cors-check" },
    });
    expect(answer.status()).toBe(403);
    expect(answer.headers()["content-type"]).toContain("application/problem+json");
    const problem = await answer.json();
    expect(problem.type).toBe("urn:problem-type:cors-origin-rejected");
    expect(problem.detail).toContain(rejectedOrigin);
    if (env.apiLog) {
      await expect
        .poll(async () => readFile(env.apiLog!, "utf8"))
        .toMatch(/requestId=browser-cors-check rejectedOrigin=http:\/\/127\.0\.0\.1:5173/);
    }
  });
});
