package dev.onair.testsupport;

import java.util.Locale;
import java.util.UUID;

/**
 * Names that keep one test class's data apart from every other's on shared
 * infrastructure.
 */
public final class TestNames {

	private TestNames() {
	}

	/**
	 * A new id such as {@code it-chatrelayit-3f9a1c}: lowercase, safe as a Kafka topic
	 * prefix, a consumer group and (with {@code -} replaced) a PostgreSQL database name.
	 */
	public static String uniqueId(Class<?> testClass) {
		String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		if (name.length() > 30) {
			name = name.substring(0, 30);
		}
		return "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
	}

}
