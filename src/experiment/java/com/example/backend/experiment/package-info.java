/**
 * Endpoints for the load tests only (profile {@code slow-endpoints}): a request that
 * waits for a slow downstream call without touching the database, and one that holds a
 * pooled database connection for a fixed time. They make the thread-pool and
 * connection-pool limits visible in {@code load-tests/lab/sweep.sh}. Built only into the
 * experiment jar ({@code ./mvnw -Pexperiment package}), never into the production jar.
 */
package com.example.backend.experiment;
