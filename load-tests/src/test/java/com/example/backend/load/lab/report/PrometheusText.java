package com.example.backend.load.lab.report;

/**
 * The few lines of Prometheus' text format the lab's samplers read from
 * {@code /actuator/prometheus}.
 */
public final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * Sum of every sample of the metric whose labels contain {@code labelFilter} (empty:
	 * every sample); 0 when there is none.
	 */
	public static double sum(String text, String metric, String labelFilter) {
		Double total = sumOrNull(text, metric, labelFilter);
		return (total != null) ? total : 0;
	}

	/**
	 * Like {@link #sum}, but null when the metric is absent (a gauge the configuration
	 * does not have, such as Tomcat's busy threads without its MBean registry).
	 */
	public static Double sumOrNull(String text, String metric, String labelFilter) {
		Double total = null;
		for (String line : text.split("\n")) {
			if (!line.startsWith(metric) || line.startsWith("#")) {
				continue;
			}
			String rest = line.substring(metric.length());
			if (!(rest.startsWith("{") || rest.startsWith(" "))) {
				continue;
			}
			// The value follows the last space: URI templates carry braces of their own
			// (uri="/api/v1/posts/{id}").
			int valueStart = line.lastIndexOf(' ');
			if (line.substring(0, valueStart).contains(labelFilter)) {
				total = ((total != null) ? total : 0) + Double.parseDouble(line.substring(valueStart + 1));
			}
		}
		return total;
	}

	/**
	 * Sum of the metric's samples whose labels do not contain {@code excluded} (the sweep
	 * counts the API's requests, not the actuator's).
	 */
	public static double sumExcept(String text, String metric, String excluded) {
		double total = 0;
		for (String line : text.split("\n")) {
			if (!line.startsWith(metric + "{")) {
				continue;
			}
			int valueStart = line.lastIndexOf(' ');
			if (!line.substring(0, valueStart).contains(excluded)) {
				total += Double.parseDouble(line.substring(valueStart + 1));
			}
		}
		return total;
	}

}
