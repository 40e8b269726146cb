-- A GET with the reader's bearer token (for authenticated endpoints such as /api/v1/users/me).
-- Environment: TOKEN.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
