// The example frontend: plain TypeScript on the generated client (clients/typescript).
import { createApiClient, describeProblem, isProblem, type Problem, type Tokens, type TokenStore } from "../../typescript/src";

const apiUrl: string = import.meta.env.VITE_API_URL ?? "http://localhost:8080";

/** Tokens survive a page reload in sessionStorage (per tab, gone when the tab closes). */
const sessionTokens: TokenStore = {
  get: () => {
    const saved = sessionStorage.getItem("tokens");
    return saved ? (JSON.parse(saved) as Tokens) : null;
  },
  set: (tokens) =>
    tokens ? sessionStorage.setItem("tokens", JSON.stringify(tokens)) : sessionStorage.removeItem("tokens"),
};

const api = createApiClient(apiUrl, sessionTokens);

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;
$("#api-url").textContent = apiUrl;
$("#page-origin").textContent = window.location.origin;

function showProblem(problem: Problem | null): void {
  const box = $("#problem");
  box.hidden = problem === null;
  box.replaceChildren();
  if (!problem) return;
  const title = document.createElement("h3");
  title.textContent = problem.status ? `${problem.status} ${problem.title}` : problem.title;
  const detail = document.createElement("p");
  detail.textContent = describeProblem(problem);
  const meta = document.createElement("small");
  meta.textContent = `type ${problem.type} · requestId ${problem.requestId}`;
  box.append(title, detail, meta);
}

/** fetch() fails without a status when the browser blocks the answer, most often because of CORS. */
function unreachable(error: unknown): Problem {
  return {
    type: "about:blank",
    title: "API not reachable from this page",
    status: 0,
    detail:
      `The browser could not read the answer of ${apiUrl} (${error instanceof Error ? error.message : error}). ` +
      `If the service is running, this origin (${window.location.origin}) is probably not on its CORS allow-list ` +
      `(app.cors.allowed-origins). http://localhost:5173 and http://127.0.0.1:5173 are different origins.`,
    instance: window.location.pathname,
    requestId: "-",
  };
}

/** Runs one API call; shows its problem (or the network failure) and returns null on failure. */
async function call<T>(request: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T | null> {
  try {
    const { data, error, response } = await request();
    if (error !== undefined || !response.ok) {
      showProblem(isProblem(error) ? error : unreachable(`status ${response.status}`));
      return null;
    }
    showProblem(null);
    return (data ?? null) as T | null;
  } catch (failure) {
    showProblem(unreachable(failure));
    return null;
  }
}

async function loadPosts(): Promise<void> {
  const page = await call(() => api.GET("/api/v1/posts", { params: { query: { size: 10 } } }));
  if (!page) return;
  const items = page.content.map((post) => {
    const item = document.createElement("li");
    item.dataset.postId = String(post.id);
    item.textContent = `${post.title} — ${post.author.displayName} (${post.status})`;
    return item;
  });
  $("#posts").replaceChildren(...items);
}

async function loadProducts(): Promise<void> {
  const page = await call(() => api.GET("/api/v1/products", { params: { query: { size: 100 } } }));
  if (!page) return;
  $("#order-form select").replaceChildren(
    ...page.content.map((product) => {
      const option = document.createElement("option");
      option.value = String(product.id);
      option.textContent = `${product.name} (${product.price}, ${product.stock} in stock)`;
      return option;
    }),
  );
}

async function showSession(): Promise<void> {
  const signedIn = api.tokens.get() !== null;
  const me = signedIn ? await call(() => api.GET("/api/v1/users/me")) : null;
  $("#login-section").hidden = me !== null;
  $("#session-section").hidden = me === null;
  $("#write-section").hidden = me === null;
  $("[data-testid=whoami]").textContent = me ? `Signed in as ${me.displayName} <${me.email}> (${me.role})` : "";
  if (me) await loadProducts();
}

$<HTMLFormElement>("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  const tokens = await call(() =>
    api.POST("/api/v1/auth/login", {
      body: { email: String(form.get("email")), password: String(form.get("password")) },
    }),
  );
  if (tokens) {
    api.tokens.set(tokens);
    await showSession();
  }
});

$("#logout").addEventListener("click", async () => {
  const tokens = api.tokens.get();
  if (tokens) await call(() => api.POST("/api/v1/auth/logout", { body: { refreshToken: tokens.refreshToken } }));
  api.tokens.set(null);
  await showSession();
});

$("#reload-posts").addEventListener("click", () => void loadPosts());

$<HTMLFormElement>("#post-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const formElement = event.currentTarget as HTMLFormElement;
  const form = new FormData(formElement);
  const post = await call(() =>
    api.POST("/api/v1/posts", {
      body: {
        title: String(form.get("title")),
        body: String(form.get("body")),
        status: form.get("status") === "DRAFT" ? "DRAFT" : "PUBLISHED",
      },
    }),
  );
  if (post) {
    formElement.reset();
    await loadPosts();
  }
});

// One key per order the user means to place: a retry (a double click, a lost answer) reuses
// it, so the server creates the order once; a new order gets a new key.
let pendingOrder: { key: string; productId: number; quantity: number } | null = null;

async function placeOrder(order: { key: string; productId: number; quantity: number }): Promise<void> {
  $("[data-testid=idempotency-key]").textContent = order.key;
  try {
    const { data, error, response } = await api.POST("/api/v1/orders", {
      params: { header: { "Idempotency-Key": order.key } },
      body: { items: [{ productId: order.productId, quantity: order.quantity }] },
    });
    if (error !== undefined || !data) {
      showProblem(isProblem(error) ? error : unreachable(`status ${response.status}`));
      return;
    }
    showProblem(null);
    const replayed = response.headers.get("Idempotent-Replayed");
    $("[data-testid=order]").textContent =
      `Order #${data.id} ${data.status}, total ${data.total} (HTTP ${response.status}, Idempotent-Replayed: ${replayed})`;
    $<HTMLButtonElement>("#order-again").disabled = false;
  } catch (failure) {
    showProblem(unreachable(failure));
  }
}

$<HTMLFormElement>("#order-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  pendingOrder = { key: crypto.randomUUID(), productId: Number(form.get("productId")), quantity: Number(form.get("quantity")) };
  await placeOrder(pendingOrder);
});

$("#order-again").addEventListener("click", () => {
  if (pendingOrder) void placeOrder(pendingOrder);
});

await loadPosts();
await showSession();
