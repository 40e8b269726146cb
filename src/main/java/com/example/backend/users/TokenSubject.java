package com.example.backend.users;

import com.example.backend.access.Role;

/**
 * What checking a token needs to know of its user: who, with which role, and the current
 * token version. Read with a narrow query, since it happens on every authenticated
 * request.
 */
public record TokenSubject(long id, Role role, int tokenVersion) {
}
