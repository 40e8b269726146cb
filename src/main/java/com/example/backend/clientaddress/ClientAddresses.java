package com.example.backend.clientaddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client that per-address limits count against. {@code X-Forwarded-For} is believed
 * only as far as it was written by a proxy listed in {@code app.trusted-proxies}: the
 * address is the rightmost entry that was not added by a trusted proxy. With no trusted
 * proxies (the default) it is the peer address of the connection, and the header, which
 * any client can write, is ignored. Otherwise a client could rotate the header and get a
 * fresh budget with every request. (Tomcat's own forwarded-header handling is off in
 * every profile for the same reason: on Kubernetes it would trust every private peer.)
 * <p>
 * The key is the address in one canonical spelling, and for IPv6 only its network prefix
 * ({@code app.client-address.ipv6-prefix-length}, /64 by default): every spelling of
 * {@code ::1} is one client, and so is every address of one subscriber's /64. Spring
 * Security's {@link IpAddressMatcher} does the CIDR matching; this class only adds the
 * rule for which hop to believe, which no library offers.
 */
@Component
public class ClientAddresses {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<IpAddressMatcher> trustedProxies;

	private final int ipv6PrefixLength;

	ClientAddresses(TrustedProxiesSettings settings, ClientAddressSettings clientAddress) {
		this.trustedProxies = settings.trustedProxies().stream().map(IpAddressMatcher::new).toList();
		this.ipv6PrefixLength = clientAddress.ipv6PrefixLength();
	}

	/**
	 * The key the per-address limits count under: {@code 192.0.2.7} or
	 * {@code 2001:db8:1:2:0:0:0:0/64}.
	 */
	public String limitKey(HttpServletRequest request) {
		return canonical(clientAddress(request));
	}

	private String clientAddress(HttpServletRequest request) {
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

	private String canonical(String peerOrHop) {
		// A link-local peer comes with its zone (fe80::1%eth0); the zone names our
		// interface, not the client.
		int zone = peerOrHop.indexOf('%');
		String address = (zone > 0) ? peerOrHop.substring(0, zone) : peerOrHop;
		InetAddress parsed = literal(address);
		if (parsed == null) {
			return address;
		}
		if (parsed instanceof Inet4Address) {
			// Also what an IPv4-mapped IPv6 address (::ffff:192.0.2.7) parses to.
			return parsed.getHostAddress();
		}
		byte[] bytes = parsed.getAddress();
		for (int bit = this.ipv6PrefixLength; bit < 128; bit++) {
			bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + "/" + this.ipv6PrefixLength;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("16 bytes are always an IPv6 address", ex);
		}
	}

	private boolean isTrusted(String address) {
		if (this.trustedProxies.isEmpty() || !isIpLiteral(address)) {
			return false;
		}
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.matches(address));
	}

	static boolean isIpLiteral(String text) {
		return literal(text) != null;
	}

	/**
	 * The address an IPv4 or IPv6 literal names, or {@code null} for anything else. The
	 * text is checked by hand first, so that nothing here ever triggers a DNS lookup (an
	 * IPv6 literal has a colon, which no host name has).
	 */
	private static InetAddress literal(String text) {
		if (text.isEmpty() || text.length() > 45) {
			return null;
		}
		if (text.indexOf(':') >= 0) {
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
					return null;
				}
			}
		}
		else {
			String[] parts = text.split("\\.", -1);
			if (parts.length != 4) {
				return null;
			}
			for (String part : parts) {
				if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch((c) -> c >= '0' && c <= '9')
						|| Integer.parseInt(part) > 255) {
					return null;
				}
			}
		}
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
