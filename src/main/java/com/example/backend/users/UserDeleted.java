package com.example.backend.users;

/**
 * A user is about to be deleted in the current transaction; what they own goes with them
 * (the database cascades), so features drop what they cached of it.
 */
public record UserDeleted(long userId) {
}
