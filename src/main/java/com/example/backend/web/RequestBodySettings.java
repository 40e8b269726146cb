package com.example.backend.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code app.request-body.max-size}: the largest request body the service reads. The
 * largest legitimate request is a post of 20,000 characters; written with every character
 * escaped as a backslash, {@code u} and four hex digits (6 bytes each) it is about 122
 * KB, so 256 KB leaves room for formatting while a body that could exhaust the heap is
 * refused unread.
 */
@ConfigurationProperties("app.request-body")
public record RequestBodySettings(@DefaultValue("256KB") DataSize maxSize) {
}
