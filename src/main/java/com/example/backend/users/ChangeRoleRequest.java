package com.example.backend.users;

import jakarta.validation.constraints.NotNull;

import com.example.backend.access.Role;

public record ChangeRoleRequest(@NotNull Role role) {
}
