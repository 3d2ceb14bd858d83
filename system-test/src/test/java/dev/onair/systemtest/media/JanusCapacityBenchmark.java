package dev.onair.systemtest.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribers per Janus core: a publisher in Chromium (simulcast, fake camera) and
 * {@code capacity.viewers} synthetic viewers (tools/synthetic-viewers: the WebSocket
 * protocol, werift, RTP counted, nothing decoded) in the client namespace, all watching
 * {@code capacity.quality}. Once every viewer receives media, the CPU time of every Janus
 * process is sampled from {@code /proc} for {@code capacity.seconds}; subscribers per
 * core = viewers receiving / cores Janus used. Prints the figures; asserts only that the
 * viewers really received video.
 * <p>
 * More than 200 viewers come from one client address: raise the per-address limits first
 * ({@code EDGE_CONNECTIONS_PER_ADDRESS}, {@code GATEWAY_CONNECTIONS_PER_ADDRESS}; method
 * in docs/benchmarks.md).
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class JanusCapacityBenchmark {

	private static final int VIEWERS = Integer.getInteger("capacity.viewers", 100);

	private static final int SECONDS = Integer.getInteger("capacity.seconds", 30);

	private static final String QUALITY = System.getProperty("capacity.quality", "480p");

	/** Linux's clock ticks per second ({@code getconf CLK_TCK}). */
	private static final double TICKS = 100;

	@Test
	void subscribersPerJanusCore() throws Exception {
		try (ClientBrowser browser = ClientBrowser.start()) {
			Page publisher = MediaPages.open(browser.context());
			String room = MediaPages.publish(publisher, true);
			Process viewers = synthetic(room);
			List<String> seconds = new ArrayList<>();
			String summary = null;
			long[] cpuAtSteady = null;
			long steadyAt = 0;
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(viewers.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					System.out.println("viewers: " + line);
					if (line.startsWith("{\"summary\"")) {
						summary = line;
						continue;
					}
					if (!line.startsWith("{\"t\"")) {
						continue;
					}
					if (cpuAtSteady == null && line.contains("\"watching\":" + VIEWERS + ",")) {
						// Every viewer connected: from here on the load is steady.
						cpuAtSteady = janusCpuTicks();
						steadyAt = System.nanoTime();
					}
					if (cpuAtSteady != null) {
						seconds.add(line);
					}
				}
			}
			viewers.waitFor();
			assertThat(cpuAtSteady).as("every viewer connected before the run ended").isNotNull();
			long[] cpuAtEnd = janusCpuTicks();
			double elapsed = (System.nanoTime() - steadyAt) / 1e9;
			double cores = 0;
			for (int i = 0; i < cpuAtEnd.length; i++) {
				cores += (cpuAtEnd[i] - cpuAtSteady[i]) / TICKS / elapsed;
			}
			System.out.printf("CAPACITY %d viewers at %s on %d Janus nodes: Janus used %.2f cores over %.0f s"
					+ " (%.0f viewers per core); per viewer and second while steady (median of %d s): %.1f frames,"
					+ " %.0f packets, %.0f kbit/s; %s%n", VIEWERS, QUALITY, cpuAtEnd.length, cores, elapsed,
					VIEWERS / cores, seconds.size(), median(seconds, "frames") / VIEWERS,
					median(seconds, "packets") / VIEWERS, median(seconds, "bytes") * 8 / 1000 / VIEWERS, summary);
			assertThat(summary).as("the viewers' summary").isNotNull().contains("\"withFrames\":" + VIEWERS + ",");
		}
	}

	/** The median over the steady seconds of one of the tool's per-second totals. */
	private static double median(List<String> seconds, String field) {
		Pattern value = Pattern.compile("\"" + field + "\":(\\d+)");
		double[] values = seconds.stream().mapToDouble((line) -> {
			Matcher matcher = value.matcher(line);
			return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
		}).sorted().toArray();
		return (values.length == 0) ? 0 : values[values.length / 2];
	}

	/** The viewers' process in the client namespace, its output read line by line. */
	private static Process synthetic(String room) throws IOException {
		LocalStack stack = LocalStack.get();
		Path tool = stack.home().resolve("tools/synthetic-viewers");
		return new ProcessBuilder("ip", "netns", "exec", "onair-c1", "node", "viewers.mjs", "--room", room, "--count",
				String.valueOf(VIEWERS), "--seconds", String.valueOf(SECONDS + VIEWERS / 50 + 15), "--quality", QUALITY,
				"--ws", ClientBrowser.ORIGIN.replace("http", "ws") + "/ws", "--origin", ClientBrowser.ORIGIN)
			.directory(tool.toFile())
			.redirectErrorStream(true)
			.start();
	}

	/** utime + stime of each Janus process of the stack, in clock ticks. */
	private static long[] janusCpuTicks() {
		LocalStack stack = LocalStack.get();
		long[] ticks = new long[stack.mediaHosts()];
		for (int host = 1; host <= ticks.length; host++) {
			try {
				String pid = Files.readString(stack.home().resolve(".onair/pids/janus-m" + host + ".pid")).trim();
				String stat = Files.readString(Path.of("/proc", pid, "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// Fields 14 and 15 of /proc/<pid>/stat, counted after the command name.
				ticks[host - 1] = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return ticks;
	}

}
