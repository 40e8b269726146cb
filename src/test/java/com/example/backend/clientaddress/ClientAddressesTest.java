package com.example.backend.clientaddress;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

	@Test
	void withoutTrustedProxiesTheHeaderIsIgnored() {
		ClientAddresses addresses = addresses(List.of());

		assertThat(addresses.limitKey(request("10.0.0.5", "203.0.113.7"))).isEqualTo("10.0.0.5");
		assertThat(addresses.limitKey(request("127.0.0.1", "203.0.113.7"))).isEqualTo("127.0.0.1");
	}

	@Test
	void behindTrustedProxiesTheRightmostUntrustedEntryIsTheClient() {
		ClientAddresses addresses = addresses(List.of("10.0.0.0/8", "fd00::/8"));

		assertThat(addresses.limitKey(request("10.0.0.5", "203.0.113.7"))).isEqualTo("203.0.113.7");
		// The client wrote the first entry itself; the proxies appended the rest.
		assertThat(addresses.limitKey(request("10.0.0.5", "6.6.6.6, 203.0.113.7, 10.1.2.3"))).isEqualTo("203.0.113.7");
		assertThat(addresses.limitKey(request("fd00::1", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
		// A request from outside the proxies cannot claim an address.
		assertThat(addresses.limitKey(request("198.51.100.2", "203.0.113.7"))).isEqualTo("198.51.100.2");
	}

	@Test
	void garbageOrNoHeaderFallsBackToTheLastTrustedHop() {
		ClientAddresses addresses = addresses(List.of("10.0.0.0/8"));

		assertThat(addresses.limitKey(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
		assertThat(addresses.limitKey(request("10.0.0.5", "evil.example.com, 10.0.0.9"))).isEqualTo("10.0.0.9");
		assertThat(addresses.limitKey(request("10.0.0.5", "999.1.1.1"))).isEqualTo("10.0.0.5");
	}

	@Test
	void everySpellingOfOneAddressIsOneClient() {
		ClientAddresses addresses = addresses(List.of("10.0.0.0/8"));

		assertThat(addresses.limitKey(request("10.0.0.5", "0000:0000:0000:0000:0000:0000:0000:0001")))
			.isEqualTo(addresses.limitKey(request("::1", null)))
			.isEqualTo(addresses.limitKey(request("0:0:0:0:0:0:0:1", null)));
		assertThat(addresses.limitKey(request("10.0.0.5", "::ffff:203.0.113.7"))).isEqualTo("203.0.113.7");
		assertThat(addresses.limitKey(request("10.0.0.5", "2001:DB8::7"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
	}

	@Test
	void ipv6ClientsAreKeyedByTheirNetworkPrefix() {
		ClientAddresses addresses = addresses(List.of());

		// Rotating inside one /64 does not make a new client; the next /64 does.
		assertThat(addresses.limitKey(request("2001:db8:1:2::1", null)))
			.isEqualTo(addresses.limitKey(request("2001:db8:1:2:ffff:ffff:ffff:ffff", null)))
			.isEqualTo(addresses.limitKey(request("2001:db8:1:2:dead:beef:0:7", null)))
			.isNotEqualTo(addresses.limitKey(request("2001:db8:1:3::1", null)));
		assertThat(new ClientAddresses(new TrustedProxiesSettings(List.of()), new ClientAddressSettings(48))
			.limitKey(request("2001:db8:1:2::1", null))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
		assertThat(new ClientAddresses(new TrustedProxiesSettings(List.of()), new ClientAddressSettings(128))
			.limitKey(request("2001:db8:1:2::1", null))).isEqualTo("2001:db8:1:2:0:0:0:1/128");
		// Link-local zones are not part of the key.
		assertThat(addresses.limitKey(request("fe80::1%1", null))).isEqualTo("fe80:0:0:0:0:0:0:0/64");
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

	private static ClientAddresses addresses(List<String> trustedProxies) {
		return new ClientAddresses(new TrustedProxiesSettings(trustedProxies), new ClientAddressSettings(64));
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
