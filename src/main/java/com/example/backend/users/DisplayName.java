package com.example.backend.users;

/** Just a user's name, for features that show authors next to their content. */
record DisplayName(long id, String displayName) {
}
