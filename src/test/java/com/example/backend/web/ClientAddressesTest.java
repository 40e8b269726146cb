package com.example.backend.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

	@Test
	void withoutTrustedProxiesTheHeaderIsIgnored() {
		ClientAddresses addresses = new ClientAddresses(new TrustedProxiesSettings(List.of()));

		assertThat(addresses.of(request("10.0.0.5", "203.0.113.7"))).isEqualTo("10.0.0.5");
		assertThat(addresses.of(request("127.0.0.1", "203.0.113.7"))).isEqualTo("127.0.0.1");
	}

	@Test
	void behindTrustedProxiesTheRightmostUntrustedEntryIsTheClient() {
		ClientAddresses addresses = new ClientAddresses(new TrustedProxiesSettings(List.of("10.0.0.0/8", "fd00::/8")));

		assertThat(addresses.of(request("10.0.0.5", "203.0.113.7"))).isEqualTo("203.0.113.7");
		// The client wrote the first entry itself; the proxies appended the rest.
		assertThat(addresses.of(request("10.0.0.5", "6.6.6.6, 203.0.113.7, 10.1.2.3"))).isEqualTo("203.0.113.7");
		assertThat(addresses.of(request("fd00::1", "2001:db8::7"))).isEqualTo("2001:db8::7");
		// A request from outside the proxies cannot claim an address.
		assertThat(addresses.of(request("198.51.100.2", "203.0.113.7"))).isEqualTo("198.51.100.2");
	}

	@Test
	void garbageOrNoHeaderFallsBackToTheLastTrustedHop() {
		ClientAddresses addresses = new ClientAddresses(new TrustedProxiesSettings(List.of("10.0.0.0/8")));

		assertThat(addresses.of(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
		assertThat(addresses.of(request("10.0.0.5", "evil.example.com, 10.0.0.9"))).isEqualTo("10.0.0.9");
		assertThat(addresses.of(request("10.0.0.5", "999.1.1.1"))).isEqualTo("10.0.0.5");
	}

	@Test
	void onlyIpLiteralsCountAsAddresses() {
		assertThat(ClientAddresses.isIpLiteral("192.0.2.1")).isTrue();
		assertThat(ClientAddresses.isIpLiteral("2001:db8::1")).isTrue();
		assertThat(ClientAddresses.isIpLiteral("deadbeef")).isFalse();
		assertThat(ClientAddresses.isIpLiteral("1.2.3")).isFalse();
		assertThat(ClientAddresses.isIpLiteral("\u0661.1.1.1")).isFalse();
		assertThat(ClientAddresses.isIpLiteral("localhost")).isFalse();
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

}
