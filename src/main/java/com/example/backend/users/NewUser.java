package com.example.backend.users;

/**
 * A validated registration: the email is already trimmed, the password still plain text.
 */
public record NewUser(String email, String password, String displayName) {
}
