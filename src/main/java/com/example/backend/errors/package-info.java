/**
 * Failures to problem+json (RFC 9457): the exception handler for Spring MVC, the error
 * page for what the container dispatches, and Tomcat's error valve for what never reaches
 * Spring. The problem types themselves are in {@code contract}.
 */
package com.example.backend.errors;
