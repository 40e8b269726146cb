package com.example.backend.contract;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's vocabulary is written once: a problem type's name only in
 * {@link ProblemType}, a custom header's name only in {@link ApiHeaders}. Everything else
 * in the main sources refers to the constant, so a renamed problem or header cannot leave
 * a stale copy behind. The scan reads string literals only (not comments or text blocks,
 * which are prose).
 */
class VocabularyTest {

	private static final Path MAIN = Path.of("src", "main", "java");

	private static final Path CONTRACT = MAIN.resolve(Path.of("com", "example", "backend", "contract"));

	@Test
	void problemTypeNamesAndHeaderNamesAreWrittenOnlyInTheirDefinition() throws IOException {
		Set<String> problemNames = new TreeSet<>();
		for (ProblemType type : ProblemType.values()) {
			problemNames.add(type.typeName());
			problemNames.add(type.uri().toString());
		}
		// Header names are case-insensitive, so "x-request-id" is the same name.
		Set<String> headerNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		headerNames.addAll(headerNames());
		List<String> strays = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
				for (String literal : stringLiterals(Files.readString(file))) {
					boolean problem = problemNames.contains(literal) && !file.endsWith("ProblemType.java");
					boolean header = headerNames.contains(literal) && !file.endsWith("ApiHeaders.java");
					if (problem || header) {
						strays.add(file + ": \"" + literal + "\"");
					}
				}
			}
		}
		assertThat(strays).as("problem names and header names written outside %s", CONTRACT).isEmpty();
	}

	/** The scan finds what it looks for: literals, but not comments or text blocks. */
	@Test
	void theScanReadsStringLiteralsOnly() {
		String source = """
				// "in-a-comment"
				/* "in-a-block" */
				String a = "forbidden" + "x\\"y";
				String b = \"""
						"in-a-text-block"
						\""";
				char c = '"';
				String d = "X-Request-Id";
				""";
		assertThat(stringLiterals(source)).containsExactly("forbidden", "x\\\"y", "X-Request-Id");
	}

	private static Set<String> headerNames() {
		Set<String> names = new TreeSet<>();
		for (Field field : ApiHeaders.class.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				try {
					names.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		assertThat(names).isNotEmpty();
		return names;
	}

	/** The contents of the string literals of a Java source, escapes left as written. */
	static List<String> stringLiterals(String source) {
		List<String> literals = new ArrayList<>();
		int i = 0;
		while (i < source.length()) {
			if (source.startsWith("//", i)) {
				i = endOf(source, "\n", i + 2);
			}
			else if (source.startsWith("/*", i)) {
				i = endOf(source, "*/", i + 2);
			}
			else if (source.startsWith("\"\"\"", i)) {
				i = endOf(source, "\"\"\"", i + 3);
			}
			else if (source.charAt(i) == '\'') {
				i = endOfQuoted(source, '\'', i + 1);
			}
			else if (source.charAt(i) == '"') {
				int end = endOfQuoted(source, '"', i + 1);
				literals.add(source.substring(i + 1, end - 1));
				i = end;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	private static int endOf(String source, String terminator, int from) {
		int end = source.indexOf(terminator, from);
		return (end < 0) ? source.length() : end + terminator.length();
	}

	private static int endOfQuoted(String source, char quote, int from) {
		int i = from;
		while (i < source.length() && source.charAt(i) != quote) {
			i += (source.charAt(i) == '\\') ? 2 : 1;
		}
		return Math.min(i + 1, source.length());
	}

}
