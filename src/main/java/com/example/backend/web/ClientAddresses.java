package com.example.backend.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client address that per-address limits key on. {@code X-Forwarded-For} is believed
 * only as far as it was written by a proxy listed in {@code app.trusted-proxies}: the
 * address is the rightmost entry that was not added by a trusted proxy. With no trusted
 * proxies (the default) it is the peer address of the connection, and the header, which
 * any client can write, is ignored. Otherwise a client could rotate the header and get a
 * fresh budget with every request.
 */
@Component
public class ClientAddresses {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddresses(TrustedProxiesSettings settings) {
		this.trustedProxies = settings.trustedProxies().stream().map(IpAddressMatcher::new).toList();
	}

	public String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String hop : header.split(",")) {
				hops.add(hop.trim());
			}
		}
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (!isIpLiteral(hop)) {
				// Garbage written by whoever came before the trusted proxies.
				return client;
			}
			client = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean isTrusted(String address) {
		if (this.trustedProxies.isEmpty() || !isIpLiteral(address)) {
			return false;
		}
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.matches(address));
	}

	/**
	 * An IPv4 or IPv6 literal, checked by hand so that nothing here ever triggers a DNS
	 * lookup (an IPv6 literal has a colon, which no host name has).
	 */
	static boolean isIpLiteral(String text) {
		if (text.isEmpty() || text.length() > 45) {
			return false;
		}
		if (text.indexOf(':') >= 0) {
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
					return false;
				}
			}
			try {
				InetAddress.getByName(text);
				return true;
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch((c) -> c >= '0' && c <= '9')
					|| Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

}
