/**
 * SHA-256 of values the service keeps instead of the values themselves: refresh tokens,
 * idempotent request bodies, rate-limit keys.
 */
package com.example.backend.hashing;
