/**
 * Role-based access control shared by every feature:
 * {@link com.example.backend.access.Role roles}, the
 * {@link com.example.backend.access.Permission permissions} they grant, and the
 * {@link com.example.backend.access.Actor caller} that services check ownership against.
 * It depends on nothing else in the application, so every feature may use it without
 * cycles.
 */
package com.example.backend.access;
