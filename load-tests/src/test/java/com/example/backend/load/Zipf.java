package com.example.backend.load;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ranks 0..n-1 drawn with probability proportional to 1 / (rank + 1)^s: a few keys get
 * most of the traffic, as popular posts do. With n = 1,000 and s = 1.1, the top key gets
 * about 15% of the reads and the top 10 about 40%.
 */
final class Zipf {

	private final double[] cumulative;

	Zipf(int n, double exponent) {
		this.cumulative = new double[n];
		double sum = 0;
		for (int rank = 0; rank < n; rank++) {
			sum += 1 / Math.pow(rank + 1, exponent);
			this.cumulative[rank] = sum;
		}
		for (int rank = 0; rank < n; rank++) {
			this.cumulative[rank] /= sum;
		}
	}

	int next() {
		int found = Arrays.binarySearch(this.cumulative, ThreadLocalRandom.current().nextDouble());
		return Math.min((found >= 0) ? found : -found - 1, this.cumulative.length - 1);
	}

}
