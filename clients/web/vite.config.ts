import { defineConfig } from "vite";

// http://localhost:5173 is on the API's default CORS allow-list. The server listens on
// 127.0.0.1 so that the same page is also reachable as http://127.0.0.1:5173: a different
// origin, which the browser tests use to show a CORS rejection.
export default defineConfig({
  root: "web",
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
});
