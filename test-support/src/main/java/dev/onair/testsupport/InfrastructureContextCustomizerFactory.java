package dev.onair.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the Spring context of a {@link RealInfrastructure} test class at the local stack
 * and isolates it from every other test class: its own Kafka topic/group prefix, its own
 * PostgreSQL database and its own Redis database index.
 */
final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * {@code ./onair} starts Redis with this many databases; 0 is left to the running
	 * stack.
	 */
	private static final int REDIS_DATABASES = 256;

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		RealInfrastructure annotation = testClass.getAnnotation(RealInfrastructure.class);
		if (annotation == null) {
			return null;
		}
		return new InfrastructureContextCustomizer(testClass, Set.of(annotation.value()));
	}

	private record InfrastructureContextCustomizer(Class<?> testClass, Set<Needs> needs) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			LocalStack stack = LocalStack.get();
			String id = TestNames.uniqueId(this.testClass);
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
			properties.put("onair.kafka.prefix", id + ".");
			if (this.needs.contains(Needs.POSTGRES)) {
				String database = id.replace('-', '_');
				createDatabase(stack, database);
				String hostPort = stack.postgresHost() + ":" + stack.postgresPort() + "/" + database;
				properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + hostPort);
				properties.put("spring.r2dbc.username", stack.postgresUser());
				properties.put("spring.r2dbc.password", stack.postgresPassword());
				properties.put("spring.flyway.url", "jdbc:postgresql://" + hostPort);
				properties.put("spring.flyway.user", stack.postgresUser());
				properties.put("spring.flyway.password", stack.postgresPassword());
			}
			if (this.needs.contains(Needs.REDIS)) {
				properties.put("spring.data.redis.host", stack.redisHost());
				properties.put("spring.data.redis.port", stack.redisPort());
				properties.put("spring.data.redis.database", ThreadLocalRandom.current().nextInt(1, REDIS_DATABASES));
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("onair-real-infrastructure", properties));
		}

		private static void createDatabase(LocalStack stack, String database) {
			String url = "jdbc:postgresql://" + stack.postgresHost() + ":" + stack.postgresPort() + "/"
					+ stack.postgresDatabase();
			try (Connection connection = DriverManager.getConnection(url, stack.postgresUser(),
					stack.postgresPassword()); Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + database.toLowerCase(Locale.ROOT));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create test database " + database + " at " + url, ex);
			}
		}

	}

}
