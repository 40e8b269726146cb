package com.example.backend.clientaddress;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.trusted-proxies}: addresses or CIDR ranges ({@code 10.0.0.0/8},
 * {@code fd00::/8}) of the load balancers and proxies in front of the service, whose
 * {@code X-Forwarded-For} entries are believed. Empty by default: the header is ignored.
 */
@ConfigurationProperties("app")
public record TrustedProxiesSettings(@DefaultValue List<String> trustedProxies) {
}
