package com.example.backend.load.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart in SVG, no library: panels stacked on one time axis, the fault
 * windows shaded and numbered on every panel.
 */
public final class SvgChart {

	private static final int WIDTH = 1000;

	private static final int PANEL_HEIGHT = 220;

	private static final int LEFT = 70;

	private static final int RIGHT = 20;

	private static final int TOP = 40;

	private static final int GAP = 50;

	private final String title;

	private final double xMax;

	private final List<Band> bands;

	private final List<Panel> panels = new ArrayList<>();

	public SvgChart(String title, double xMaxSeconds, List<Band> bands) {
		this.title = title;
		this.xMax = Math.max(1, xMaxSeconds);
		this.bands = bands;
	}

	public SvgChart panel(String yLabel, List<Series> series) {
		this.panels.add(new Panel(yLabel, series));
		return this;
	}

	public String render() {
		int height = TOP + this.panels.size() * (PANEL_HEIGHT + GAP) + 20;
		StringBuilder svg = new StringBuilder();
		svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
				+ "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
		svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
		svg.append(format("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT,
				escape(this.title)));
		for (int i = 0; i < this.panels.size(); i++) {
			renderPanel(svg, this.panels.get(i), TOP + i * (PANEL_HEIGHT + GAP), i == this.panels.size() - 1);
		}
		return svg.append("</svg>\n").toString();
	}

	private void renderPanel(StringBuilder svg, Panel panel, int top, boolean last) {
		int plotWidth = WIDTH - LEFT - RIGHT;
		double yMax = panel.series()
			.stream()
			.flatMap(series -> series.points().stream())
			.mapToDouble(point -> point[1])
			.max()
			.orElse(1);
		yMax = niceCeiling(yMax);
		for (Band band : this.bands) {
			double x1 = LEFT + band.start() / this.xMax * plotWidth;
			double x2 = LEFT + Math.min(band.end(), this.xMax) / this.xMax * plotWidth;
			svg.append(format("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4a261\" "
					+ "fill-opacity=\"0.25\"/>%n", x1, top, Math.max(1, x2 - x1), PANEL_HEIGHT));
			svg.append(format("<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#b5651d\">%s</text>%n", x1 + 2,
					top + 11, escape(band.label())));
		}
		svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", LEFT,
				top, plotWidth, PANEL_HEIGHT));
		for (int tick = 0; tick <= 4; tick++) {
			double value = yMax * tick / 4;
			double y = top + PANEL_HEIGHT - (value / yMax) * PANEL_HEIGHT;
			svg.append(format("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT,
					LEFT + plotWidth, y, y));
			svg.append(
					format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 5, y + 4, label(value)));
		}
		double xStep = niceCeiling(this.xMax / 10);
		for (double x = 0; x <= this.xMax; x += xStep) {
			double px = LEFT + x / this.xMax * plotWidth;
			svg.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
					top + PANEL_HEIGHT + 15, label(x)));
		}
		if (last) {
			svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the load started</text>%n",
					LEFT + plotWidth / 2, top + PANEL_HEIGHT + 32));
		}
		svg.append(format("<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, top - 6,
				escape(panel.yLabel())));
		int legendX = LEFT + plotWidth - 10;
		for (Series series : panel.series()) {
			StringBuilder path = new StringBuilder();
			for (double[] point : series.points()) {
				double px = LEFT + point[0] / this.xMax * plotWidth;
				double py = top + PANEL_HEIGHT - Math.min(point[1], yMax) / yMax * PANEL_HEIGHT;
				if (series.dots()) {
					svg.append(
							format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, series.color()));
				}
				else {
					path.append(path.isEmpty() ? "M" : " L").append(format("%.1f %.1f", px, py));
				}
			}
			if (!path.isEmpty()) {
				svg.append(format("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", path,
						series.color()));
			}
			svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\">%s</text>%n", legendX, top + 26,
					series.color(), escape(series.name())));
			legendX -= 12 + 7 * series.name().length();
		}
	}

	private static double niceCeiling(double value) {
		if (value <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String label(double value) {
		return (value == Math.rint(value)) ? format("%.0f", value) : format("%.1f", value);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

	/** A shaded interval of the time axis (seconds), e.g. a fault window. */
	public record Band(double start, double end, String label) {
	}

	/** One line (or dots) of points {x seconds, y}. */
	public record Series(String name, String color, List<double[]> points, boolean dots) {
	}

	private record Panel(String yLabel, List<Series> series) {
	}

}
