package com.example.backend.config;

import java.lang.management.ManagementFactory;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption.Origin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapLimitAdviceTest {

	private static final long GIB = 1024L * 1024 * 1024;

	private static final List<Origin> JVM_CHOSE_ALL = List.of(Origin.ERGONOMIC, Origin.DEFAULT, Origin.DEFAULT);

	@Test
	void warnsWhenTheJvmChoseALargeHeap() {
		assertThat(HeapLimitAdvice.advice(6 * GIB, JVM_CHOSE_ALL)).hasValueSatisfying((
				advice) -> assertThat(advice).contains("6,144 MB").contains("-Xmx512m").contains("docs/deployment.md"));
	}

	@Test
	void quietWhenTheHeapIsBoundedOnTheCommandLine() {
		assertThat(HeapLimitAdvice.advice(6 * GIB, List.of(Origin.VM_CREATION, Origin.DEFAULT, Origin.DEFAULT)))
			.isEmpty();
	}

	@Test
	void quietWhenAShareOfTheMemoryIsGivenInTheEnvironment() {
		// The image: JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=60 (the heap derived).
		assertThat(HeapLimitAdvice.advice(6 * GIB, List.of(Origin.ERGONOMIC, Origin.ENVIRON_VAR, Origin.DEFAULT)))
			.isEmpty();
	}

	@Test
	void quietWhenTheJvmsOwnChoiceIsSmall() {
		assertThat(HeapLimitAdvice.advice(GIB / 4, JVM_CHOSE_ALL)).isEmpty();
		assertThat(HeapLimitAdvice.advice(GIB, JVM_CHOSE_ALL)).isEmpty();
	}

	@Test
	void everyFlagItReadsExistsOnThisJvm() {
		HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

		assertThat(HeapLimitAdvice.HEAP_FLAGS).allSatisfy((flag) -> assertThat(vm.getVMOption(flag)).isNotNull());
	}

}
