// A small typed client over the generated schema: openapi-fetch for the calls, plus what
// every caller of this API needs (bearer tokens, one refresh on expiry, problem+json errors).
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths } from "./schema";
export type Problem = components["schemas"]["Problem"];
export type Tokens = components["schemas"]["TokenResponse"];

/** Where the tokens live between calls (memory, sessionStorage, ...). */
export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
}

export function memoryTokenStore(): TokenStore {
  let tokens: Tokens | null = null;
  return { get: () => tokens, set: (next) => (tokens = next) };
}

export interface ApiClient extends Client<paths> {
  readonly tokens: TokenStore;
}

/**
 * A client for the API at baseUrl (e.g. "http://localhost:8080"). Sends the access token,
 * and when the server says it has expired (401 with error="invalid_token"), refreshes the
 * pair once and repeats the request. Concurrent requests share one refresh: the server
 * treats a second use of the same refresh token as theft and revokes the whole family.
 */
export function createApiClient(baseUrl: string, tokens: TokenStore = memoryTokenStore()): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  const refresh = (): Promise<boolean> => {
    refreshing ??= (async () => {
      const current = tokens.get();
      if (!current) return false;
      const answer = await fetch(`${baseUrl}/api/v1/auth/refresh`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (!answer.ok) {
        tokens.set(null);
        return false;
      }
      tokens.set((await answer.json()) as Tokens);
      return true;
    })().finally(() => (refreshing = null));
    return refreshing;
  };

  const authorized = (request: Request): Request => {
    const current = tokens.get();
    if (current && !request.url.includes("/api/v1/auth/")) {
      request.headers.set("Authorization", `Bearer ${current.accessToken}`);
    }
    return request;
  };

  const fetchWithRefresh = async (input: Request): Promise<Response> => {
    const retry = input.clone();
    const response = await fetch(authorized(input));
    const expired =
      response.status === 401 &&
      tokens.get() !== null &&
      (response.headers.get("WWW-Authenticate") ?? "").includes("invalid_token");
    if (expired && (await refresh())) {
      return fetch(authorized(retry));
    }
    return response;
  };

  const client = createClient<paths>({ baseUrl, fetch: fetchWithRefresh });
  return Object.assign(client, { tokens });
}

/** Whether a value is an RFC 9457 problem as this API sends them. */
export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "type" in value && "status" in value && "title" in value;
}

/** One line for people: "Validation failed: One or more fields are invalid. (title: must not be blank)". */
export function describeProblem(problem: Problem): string {
  const fields = (problem.errors ?? []).map((error) => `${error.field}: ${error.message}`).join("; ");
  return `${problem.title}: ${problem.detail}${fields ? ` (${fields})` : ""}`;
}
