#!/usr/bin/env python3
"""Seeds a running service, through its public API, with the data the benchmark and the
profiling recipe read, and prints what they need as JSON on stdout.

    seed.py http://127.0.0.1:20080 admin-email admin-password > state.json

Idempotent: a second run against the same database logs in instead of registering and
only tops the posts and products up. Standard library only.

What it creates (enough that pages and indexes behave as in a real database, small enough
to seed in seconds): AUTHORS authors with POSTS published posts between them (bodies of
about 600 characters), one reader account for `GET /users/me`, and PRODUCTS products with
stock that a benchmark run cannot exhaust, for `POST /orders`.
"""
import json
import os
import sys
import urllib.error
import urllib.request

AUTHORS = int(os.environ.get("SEED_AUTHORS", "10"))
POSTS = int(os.environ.get("SEED_POSTS", "300"))
PRODUCTS = int(os.environ.get("SEED_PRODUCTS", "20"))
PASSWORD = "bench-password-1"
BODY = ("A benchmark post. " * 34).strip()  # about 600 characters, like a short article teaser


def call(base, method, path, body=None, token=None, expect=(200, 201)):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + "/api/v1" + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if status not in expect:
        raise SystemExit(f"{method} {path}: HTTP {status} {text[:300]}")
    return status, (json.loads(text) if text else None)


def login(base, email, password):
    return call(base, "POST", "/auth/login", {"email": email, "password": password})[1]["accessToken"]


def account(base, email, name):
    call(base, "POST", "/auth/register", {"email": email, "password": PASSWORD, "displayName": name},
         expect=(201, 409))
    return login(base, email, PASSWORD)


def main():
    base, admin_email, admin_password = sys.argv[1:4]
    admin = login(base, admin_email, admin_password)
    authors = [account(base, f"bench-author-{i}@example.com", f"Author {i}") for i in range(AUTHORS)]
    reader = account(base, "bench-reader@example.com", "Bench Reader")

    existing = call(base, "GET", "/posts?size=1")[1]["page"]["totalElements"]
    for i in range(existing, POSTS):
        call(base, "POST", "/posts",
             {"title": f"Benchmark post {i}", "body": BODY, "status": "PUBLISHED"}, authors[i % AUTHORS])
    newest = call(base, "GET", "/posts?size=1")[1]["content"][0]["id"]

    products = [p["id"] for p in call(base, "GET", "/products?size=100")[1]["content"]
                if p["sku"].startswith("BENCH-")]
    for i in range(len(products), PRODUCTS):
        created = call(base, "POST", "/products",
                       {"sku": f"BENCH-{i:03d}", "name": f"Benchmark product {i}", "price": "9.99",
                        "stock": 1_000_000_000}, admin)[1]
        products.append(created["id"])

    json.dump({"postId": newest, "readerToken": reader, "productIds": products}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
