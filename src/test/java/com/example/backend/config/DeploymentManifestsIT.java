package com.example.backend.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files agree with the application: every environment variable that
 * docker-compose.yml, the Dockerfile and the Kubernetes manifests set binds to a property
 * the application really reads, the ports are the application's, and the probe paths of
 * the Deployment answer 200 on a running instance. Rendering, schema and policy checks of
 * the manifests are in {@code .ci/check-k8s.sh}.
 */
class DeploymentManifestsIT extends IntegrationTest {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	/** Read by the JVM itself, not by Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	@Test
	void everyEnvironmentVariableOfTheDeploymentFilesBindsToAPropertyTheAppReads() {
		Set<String> variables = deploymentVariables();

		assertThat(variables).contains("SPRING_DATASOURCE_URL", "APP_JWT_SECRET", "SPRING_PROFILES_ACTIVE",
				"JAVA_TOOL_OPTIONS");
		assertThat(unbound(variables)).as("variables that bind to no property of the application").isEmpty();
	}

	@Test
	void theBindingCheckRejectsAMisspelledVariable() {
		assertThat(unbound(Set.of("APP_JWT_SECRETS", "SPRING_DATASOURCE_URL"))).containsExactly("APP_JWT_SECRETS");
	}

	@Test
	void theDeploymentUsesTheApplicationsPorts() {
		Map<String, Object> container = appContainer();
		Map<String, Integer> ports = new java.util.HashMap<>();
		for (Map<String, Object> port : list(container.get("ports"))) {
			ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
		}

		assertThat(ports).containsEntry("http", defaultOf("application.properties", "server.port"))
			.containsEntry("management", defaultOf("application-prod.properties", "management.server.port"));
	}

	@Test
	void theDeploymentsProbePathsAnswer200OnTheApiPort() {
		Map<String, Object> container = appContainer();
		List<String> paths = new ArrayList<>();
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
			assertThat(httpGet.get("port")).as(probe + " port").isEqualTo("http");
			paths.add((String) httpGet.get("path"));
		}

		assertThat(paths).containsExactly("/livez", "/livez", "/readyz");
		for (String path : paths) {
			assertThat(this.api.get(path).status()).as(path).isEqualTo(200);
		}
	}

	/** The names set in docker-compose.yml, the Dockerfile and the k8s/ manifests. */
	private static Set<String> deploymentVariables() {
		Set<String> names = new TreeSet<>();
		Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
		for (Map<String, Object> service : List.of(map(compose.get("x-app")),
				map(map(compose.get("services")).get("app")))) {
			if (service.get("environment") != null) {
				names.addAll(map(service.get("environment")).keySet());
			}
		}
		Matcher env = Pattern.compile("(?m)^ENV ([A-Z][A-Z0-9_]*)=").matcher(read(ROOT.resolve("Dockerfile")));
		while (env.find()) {
			names.add(env.group(1));
		}
		for (String kustomization : List.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod")) {
			for (Map<String, Object> generator : list(
					yaml(ROOT.resolve(kustomization).resolve("kustomization.yaml")).get("configMapGenerator"))) {
				for (Object literal : list(generator.get("literals"))) {
					names.add(literal.toString().substring(0, literal.toString().indexOf('=')));
				}
			}
		}
		names.addAll(map(yaml(ROOT.resolve("k8s/base/secret.example.yaml")).get("stringData")).keySet());
		return names;
	}

	/**
	 * The variables that bind to no property: neither by Spring's relaxed binding to a
	 * property in the configuration metadata of the classpath (Spring Boot's modules and
	 * this application's own), asked of Spring's own environment-variable mapping, nor as
	 * a placeholder in the application's properties.
	 */
	private static Set<String> unbound(Set<String> variables) {
		Set<String> placeholders = new TreeSet<>(JVM_VARIABLES);
		for (String file : List.of("application.properties", "application-prod.properties")) {
			Matcher placeholder = PLACEHOLDER.matcher(read(ROOT.resolve("src/main/resources").resolve(file)));
			while (placeholder.find()) {
				placeholders.add(placeholder.group(1));
			}
		}
		List<ConfigurationPropertyName> known = knownProperties().stream()
			.filter(ConfigurationPropertyName::isValid)
			.map(ConfigurationPropertyName::of)
			.toList();
		Set<String> unbound = new TreeSet<>();
		for (String variable : variables) {
			ConfigurationPropertySource environment = ConfigurationPropertySource
				.from(new SystemEnvironmentPropertySource("environment", Map.of(variable, "set")));
			if (!placeholders.contains(variable)
					&& known.stream().noneMatch((name) -> environment.getConfigurationProperty(name) != null)) {
				unbound.add(variable);
			}
		}
		return unbound;
	}

	private static Set<String> knownProperties() {
		Set<String> names = new TreeSet<>();
		try {
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
			for (String location : List.of("classpath*:META-INF/spring-configuration-metadata.json",
					"classpath*:META-INF/additional-spring-configuration-metadata.json")) {
				for (Resource resource : resolver.getResources(location)) {
					try (InputStream in = resource.getInputStream()) {
						JsonNode properties = JsonMapper.shared().readTree(in).path("properties");
						properties.forEach((property) -> names.add(property.get("name").asString()));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(names).as("configuration metadata on the classpath")
			.contains("spring.datasource.url", "app.jwt.secret");
		return names;
	}

	private static int defaultOf(String file, String property) {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(ROOT.resolve("src/main/resources").resolve(file))) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Matcher value = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}").matcher(properties.getProperty(property));
		assertThat(value.matches()).as(property + " has a ${VARIABLE:default}").isTrue();
		return Integer.parseInt(value.group(1));
	}

	private static Map<String, Object> appContainer() {
		Map<String, Object> deployment = yaml(ROOT.resolve("k8s/base/deployment.yaml"));
		Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
		return list(pod.get("containers")).stream()
			.filter((container) -> "app".equals(container.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> yaml(Path file) {
		return new Yaml().load(read(file));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

}
