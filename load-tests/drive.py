#!/usr/bin/env python3
"""Sends N requests of one benchmark endpoint, one after the other, and fails on any answer
but 2xx. profile.sh counts statements, transactions and round trips over exactly these N
requests (wrk's time-boxed runs leave requests half-done at both ends).

    drive.py BASE_URL STATE_JSON ENDPOINT N
"""
import json
import random
import sys
import time
import urllib.request


def main():
    base, state_file, endpoint, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    state = json.load(open(state_file))
    auth = {"Authorization": "Bearer " + state["readerToken"]}
    products = state["productIds"]
    for i in range(count):
        method, path, headers, body = "GET", None, {}, None
        if endpoint == "ping":
            path = "/api/v1/ping"
        elif endpoint == "post":
            path = f"/api/v1/posts/{state['postId']}"
        elif endpoint == "posts":
            path = "/api/v1/posts?size=20"
        elif endpoint == "me":
            path, headers = "/api/v1/users/me", auth
        elif endpoint == "order":
            a = random.randrange(len(products))
            lines = [{"productId": products[a], "quantity": 1},
                     {"productId": products[(a + 1) % len(products)], "quantity": 1}]
            method, path, body = "POST", "/api/v1/orders", json.dumps({"items": lines}).encode()
            headers = dict(auth, **{"Content-Type": "application/json",
                                    "Idempotency-Key": f"drive-{time.time_ns()}-{i}"})
        else:
            raise SystemExit(f"unknown endpoint {endpoint}")
        request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
    print(f"{count} requests")


if __name__ == "__main__":
    main()
