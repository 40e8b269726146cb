package com.example.backend.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As in {@code prod}: with a separate management port, Prometheus scrapes there without a
 * token, while the same path on the API port still needs an ADMIN.
 */
class ManagementPortIT extends IntegrationTest {

	private static final int MANAGEMENT_PORT = freePort();

	@DynamicPropertySource
	static void managementPort(DynamicPropertyRegistry registry) {
		registry.add("management.server.port", () -> MANAGEMENT_PORT);
	}

	@Test
	void prometheusIsOpenOnTheManagementPortOnly() throws Exception {
		HttpResponse<String> scraped = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT_PORT + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(scraped.statusCode()).isEqualTo(200);
		assertThat(scraped.body()).contains("jvm_memory_used_bytes");
		this.api.get("/actuator/prometheus").assertProblem(401, "unauthorized");
	}

	@Test
	void theSoftwareBillOfMaterialsIsOpenOnTheManagementPortOnly() throws Exception {
		HttpResponse<String> sbom = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + MANAGEMENT_PORT + "/actuator/sbom/application"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(sbom.statusCode()).isEqualTo(200);
		assertThat(sbom.body()).contains("\"bomFormat\"", "CycloneDX", "spring-boot");
		this.api.get("/actuator/sbom/application").assertProblem(401, "unauthorized");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
