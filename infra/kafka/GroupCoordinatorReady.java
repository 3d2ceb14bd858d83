import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.utils.Utils;

/**
 * Waits until the broker's group coordinator serves every partition of
 * {@code __consumer_offsets}; run by {@code ./onair} as a single-file program on the
 * broker's own jars: {@code java GroupCoordinatorReady.java <bootstrap> <offsets
 * partitions> <seconds>}, exit 0 once ready, 1 after the deadline.
 * <p>
 * The broker accepts connections before it leads every partition again after a restart;
 * with many topics (a stack that ran the integration tests) the coordinator started
 * loading {@code __consumer_offsets} 12 s after the port opened, and until then every
 * consumer group's join failed with {@code NOT_COORDINATOR}. Listing groups does not tell:
 * partitions not yet led are skipped. So one made-up group per partition is described;
 * "not found" is the answer of a coordinator that serves its partition.
 */
public class GroupCoordinatorReady {

	public static void main(String[] args) throws InterruptedException {
		String bootstrap = args[0];
		int partitions = Integer.parseInt(args[1]);
		long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
		List<String> groups = onePerPartition(partitions);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				2000))) {
			while (true) {
				String waiting = firstNotServed(admin, groups);
				if (waiting == null) {
					return;
				}
				if (System.nanoTime() > deadline) {
					System.err.println("Group coordinator not serving yet: " + waiting);
					System.exit(1);
				}
				Thread.sleep(200);
			}
		}
	}

	/** Group ids {@code onair-ready-<n>} that fall on every partition, in Kafka's hashing. */
	private static List<String> onePerPartition(int partitions) {
		String[] groups = new String[partitions];
		int found = 0;
		for (int n = 0; found < partitions; n++) {
			String group = "onair-ready-" + n;
			int partition = Utils.abs(group.hashCode()) % partitions;
			if (groups[partition] == null) {
				groups[partition] = group;
				found++;
			}
		}
		return List.of(groups);
	}

	/** The first group whose coordinator did not answer, with why; null when all did. */
	private static String firstNotServed(Admin admin, List<String> groups) throws InterruptedException {
		var described = admin.describeConsumerGroups(groups).describedGroups();
		List<String> waiting = new ArrayList<>();
		for (String group : groups) {
			try {
				described.get(group).get(3, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof GroupIdNotFoundException)) {
					waiting.add(group + " (" + ex.getCause() + ")");
				}
			}
			catch (TimeoutException ex) {
				waiting.add(group + " (no answer)");
			}
		}
		return waiting.isEmpty() ? null : waiting.get(0);
	}

}
