package dev.onair.systemtest.load;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/**
 * What the generator itself costs since it was made: CPU time against wall time (the
 * generator shares the machine's 2 cores with the stack, so this is what it took from the
 * system under test) and its heap after a full GC with the sessions it holds.
 */
final class GeneratorCost {

	private static final OperatingSystemMXBean OS = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

	private final long cpuAtStart = OS.getProcessCpuTime();

	private final long wallAtStart = System.nanoTime();

	void report(String scenario, int openSessions) {
		long cpu = OS.getProcessCpuTime() - this.cpuAtStart;
		long wall = System.nanoTime() - this.wallAtStart;
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		Crowd.report(scenario,
				String.format(Locale.ROOT,
						"generator: CPU %.1f s over %.1f s (%.0f %% of one core), heap after GC %.1f MB with %d "
								+ "sessions open",
						cpu / 1e9, wall / 1e9, 100.0 * cpu / wall, heap / 1e6, openSessions));
	}

}
