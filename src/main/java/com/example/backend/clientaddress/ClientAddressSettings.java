package com.example.backend.clientaddress;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.client-address.ipv6-prefix-length}: how much of an IPv6 address identifies
 * one client for the per-address limits. A subscriber is routinely given a whole /64 (or
 * more), so counting full addresses would hand each one 2^64 fresh budgets.
 */
@Validated
@ConfigurationProperties("app.client-address")
public record ClientAddressSettings(@DefaultValue("64") @Min(1) @Max(128) int ipv6PrefixLength) {
}
