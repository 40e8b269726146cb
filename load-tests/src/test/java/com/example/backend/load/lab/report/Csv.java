package com.example.backend.load.lab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV as the lab writes and reads it (RFC 4180 quoting, a header line): rows are maps
 * from column to value, numbers written with full precision and no grouping.
 */
public final class Csv {

	private Csv() {
	}

	public static void write(Path file, List<String> columns, List<? extends Map<String, ?>> rows) {
		StringBuilder text = new StringBuilder(String.join(",", columns)).append("\r\n");
		for (Map<String, ?> row : rows) {
			List<String> cells = new ArrayList<>();
			for (String column : columns) {
				cells.add(cell(row.get(column)));
			}
			text.append(String.join(",", cells)).append("\r\n");
		}
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Rows of a file {@link #write} wrote: numbers as Double, empty cells absent. */
	public static List<Map<String, Object>> read(Path file) {
		List<List<String>> records = records(readString(file));
		List<Map<String, Object>> rows = new ArrayList<>();
		List<String> header = records.get(0);
		for (List<String> record : records.subList(1, records.size())) {
			Map<String, Object> row = new LinkedHashMap<>();
			for (int i = 0; i < header.size() && i < record.size(); i++) {
				String value = record.get(i);
				if (value.isEmpty()) {
					continue;
				}
				try {
					row.put(header.get(i), Double.parseDouble(value));
				}
				catch (NumberFormatException ex) {
					row.put(header.get(i), value);
				}
			}
			rows.add(row);
		}
		return rows;
	}

	private static List<List<String>> records(String text) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				record.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\n') {
				record.add(cell.toString());
				cell.setLength(0);
				records.add(record);
				record = new ArrayList<>();
			}
			else if (c != '\r') {
				cell.append(c);
			}
		}
		if (!cell.isEmpty() || !record.isEmpty()) {
			record.add(cell.toString());
			records.add(record);
		}
		return records;
	}

	private static String cell(Object value) {
		if (value == null) {
			return "";
		}
		// Plain digits, never an exponent: a time stamp in seconds stays readable.
		String text = (value instanceof Double number && Double.isFinite(number))
				? BigDecimal.valueOf(number).toPlainString() : value.toString();
		if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
