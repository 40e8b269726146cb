package com.example.backend.load.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bar charts in SVG, no library: grouped vertical bars (the sweep: one group per case,
 * optionally a dashed reference such as Little's law per group, linear or logarithmic
 * scale) and horizontal bars of ratios (the wrk benchmarks: each case against the
 * baseline of the same run). {@link SvgChart} draws the line charts; both escape text the
 * same way.
 */
public final class BarChart {

	private static final String[] COLORS = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948" };

	private BarChart() {
	}

	/**
	 * Grouped vertical bars. {@code reference}: one value (or null) per label, drawn as a
	 * dashed black line across the group and named {@code referenceName} in the legend.
	 */
	public static String vertical(String title, List<String> labels, List<Series> series, String unit,
			List<Double> reference, String referenceName, boolean logScale) {
		int width = 760;
		int height = 360;
		int left = 80;
		int bottom = 60;
		int top = 50;
		int plotWidth = width - left - 20;
		int plotHeight = height - top - bottom;
		List<Double> values = new ArrayList<>();
		series.forEach(s -> s.values().stream().filter(BarChart::present).forEach(values::add));
		if (reference != null) {
			reference.stream().filter(BarChart::present).forEach(values::add);
		}
		double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
		double low = values.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1) / 2;
		Scale scale = (value) -> {
			if (!present(value)) {
				return top + plotHeight;
			}
			if (logScale) {
				return top + plotHeight - plotHeight * (Math.log10(value / low) / Math.log10(high * 1.1 / low));
			}
			return top + plotHeight - plotHeight * value / (high * 1.1);
		};
		double groupWidth = (double) plotWidth / Math.max(labels.size(), 1);
		double barWidth = groupWidth * 0.7 / Math.max(series.size(), 1);
		StringBuilder svg = header(width, height);
		svg.append(format("<text x=\"%.1f\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">%s</text>%n", width / 2.0,
				escape(title)));
		svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, top + plotHeight,
				left + plotWidth, top + plotHeight));
		svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, top, left,
				top + plotHeight));
		svg.append(format(
				"<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">%s%s" + "</text>%n",
				top + plotHeight / 2.0, top + plotHeight / 2.0, escape(unit), logScale ? " (log scale)" : ""));
		for (int i = 0; i < labels.size(); i++) {
			double x0 = left + i * groupWidth + groupWidth * 0.15;
			for (int j = 0; j < series.size(); j++) {
				Double value = series.get(j).values().get(i);
				if (value == null) {
					continue;
				}
				double y = scale.y(value);
				svg.append(format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
						x0 + j * barWidth, y, barWidth - 2, top + plotHeight - y, COLORS[j % COLORS.length]));
				svg.append(format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
						x0 + j * barWidth + barWidth / 2, y - 4, format("%,.0f", value)));
			}
			if (reference != null && present(reference.get(i))) {
				double y = scale.y(reference.get(i));
				svg.append(format(
						"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\" "
								+ "stroke-width=\"2\" stroke-dasharray=\"4 2\"/>%n",
						x0 - 4, y, x0 + groupWidth * 0.7 + 4, y));
			}
			svg.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
					left + i * groupWidth + groupWidth / 2, top + plotHeight + 18, escape(labels.get(i))));
		}
		int legendX = left + 10;
		for (int j = 0; j < series.size(); j++) {
			String name = series.get(j).name();
			svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", legendX,
					height - 22, COLORS[j % COLORS.length]));
			svg.append(format("<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 16, height - 12, escape(name)));
			legendX += 30 + 7 * name.length();
		}
		if (reference != null) {
			svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\" "
					+ "stroke-dasharray=\"4 2\"/>%n", legendX, height - 16, legendX + 20, height - 16));
			svg.append(format("<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 26, height - 12, escape(referenceName)));
		}
		return svg.append("</svg>\n").toString();
	}

	/**
	 * Horizontal bars of ratios, one block per group: each bar is a case's ratio to the
	 * reference case (drawn as a dashed line at 1), labelled with the ratio and the
	 * absolute requests/s.
	 */
	public static String ratios(String title, List<RatioGroup> groups, int labelWidth, boolean asPercent) {
		int bar = 18;
		int gap = 4;
		int width = labelWidth + 650;
		int scaleWidth = 470;
		double maxRatio = Math.max(1.0,
				groups.stream().flatMap(group -> group.bars().stream()).mapToDouble(RatioBar::ratio).max().orElse(1.0));
		StringBuilder body = new StringBuilder();
		int y = 44;
		for (RatioGroup group : groups) {
			body.append(format("<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y, escape(group.name())));
			y += 10;
			for (RatioBar ratioBar : group.bars()) {
				double length = scaleWidth * ratioBar.ratio() / maxRatio;
				String figure = asPercent ? format("%.0f%%", ratioBar.ratio() * 100)
						: format("x%.2f", ratioBar.ratio());
				body.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelWidth - 8,
						y + bar - 5, escape(ratioBar.label())));
				body.append(format("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", labelWidth,
						y, length, bar, ratioBar.color()));
				body.append(format("<text x=\"%.1f\" y=\"%d\">%s (%s req/s)</text>%n", labelWidth + length + 6,
						y + bar - 5, figure, format("%,.0f", ratioBar.requestsPerSecond())));
				y += bar + gap;
			}
			y += 24;
		}
		int height = y + 10;
		double referenceX = labelWidth + scaleWidth / maxRatio;
		StringBuilder svg = header(width, height);
		svg.append(format("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", escape(title)));
		svg.append(format(
				"<line x1=\"%.1f\" y1=\"28\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" " + "stroke-dasharray=\"4 3\"/>%n",
				referenceX, referenceX, height - 10));
		return svg.append(body).append("</svg>\n").toString();
	}

	private static StringBuilder header(int width, int height) {
		return new StringBuilder(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
				+ "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
				width, height, width, height));
	}

	private static boolean present(Double value) {
		return value != null && value != 0;
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

	/** One series of bars, a value (or null: no bar) per label. */
	public record Series(String name, List<Double> values) {
	}

	/** A block of horizontal bars under one heading. */
	public record RatioGroup(String name, List<RatioBar> bars) {
	}

	/** One horizontal bar: a case's ratio to the reference and its absolute rate. */
	public record RatioBar(String label, double ratio, double requestsPerSecond, String color) {
	}

	private interface Scale {

		double y(Double value);

	}

}
