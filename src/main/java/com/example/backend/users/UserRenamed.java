package com.example.backend.users;

/**
 * A user's display name changed (published inside the transaction), for features that
 * show it next to their own data.
 */
public record UserRenamed(long userId) {
}
