import { expect, test } from "@playwright/test";
import { env, step } from "./steps";

test("Swagger UI: log in, authorize, call GET /users/me without an error panel", async ({ page, request }) => {
  const email = `swagger-${Date.now()}@example.com`;
  const password = "swagger-test-password";
  const registered = await request.post(`${env.api}/api/v1/auth/register`, {
    data: { email, password, displayName: "Swagger Tester" },
  });
  expect(registered.status()).toBe(201);

  await step(page, "the root redirects to Swagger UI", async () => {
    await page.goto(`${env.api}/`);
    await expect(page).toHaveURL(/\/swagger-ui\/index\.html/);
    await expect(page.locator(".information-container .title")).toContainText("Reference backend API");
  });

  let accessToken = "";
  await step(page, "log in with Try it out", async () => {
    const login = page.locator("#operations-Auth-authLogin");
    await login.locator(".opblock-summary").click();
    await login.getByRole("button", { name: "Try it out" }).click();
    await login.locator("textarea.body-param__text").fill(JSON.stringify({ email, password }));
    await login.getByRole("button", { name: "Execute" }).click();
    const body = login.locator(".live-responses-table .response-col_description pre.microlight").first();
    await expect(body).toContainText("accessToken");
    accessToken = JSON.parse((await body.textContent()) ?? "{}").accessToken;
    expect(accessToken).toMatch(/^ey/);
  });

  await step(page, "authorize with the access token", async () => {
    await page.locator(".auth-wrapper .authorize").click();
    const dialog = page.locator(".dialog-ux");
    await dialog.locator("input[type=text]").fill(accessToken);
    await dialog.locator("button.modal-btn.authorize").click();
    await expect(dialog.getByText("Authorized")).toBeVisible();
    await dialog.locator("button.btn-done").click();
  });

  await step(page, "call GET /users/me", async () => {
    const me = page.locator("#operations-Users-usersMe");
    await me.locator(".opblock-summary").click();
    await me.getByRole("button", { name: "Try it out" }).click();
    await me.getByRole("button", { name: "Execute" }).click();
    await expect(me.locator(".live-responses-table .response .response-col_status").first()).toHaveText("200");
    await expect(me.locator(".live-responses-table .response-col_description pre.microlight").first())
      .toContainText(email);
  });

  await step(page, "no operation shows an error panel", async () => {
    for (const id of ["#operations-Orders-ordersCreate", "#operations-Posts-postsUpdate"]) {
      await page.locator(`${id} .opblock-summary`).click();
      await expect(page.locator(`${id} .responses-wrapper`)).toBeVisible();
    }
    await expect(page.locator(".errors-wrapper")).toHaveCount(0);
  });
});
