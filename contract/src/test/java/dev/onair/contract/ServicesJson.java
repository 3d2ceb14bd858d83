package dev.onair.contract;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper the services read and write these records with: Jackson 3's
 * {@code JsonMapper} as Spring Boot's {@code JacksonAutoConfiguration} builds it (their
 * Kafka listeners, producers and WebSocket frames all use that bean, and no
 * {@code spring.jackson} setting of theirs changes it beyond what is here). It tolerates
 * unknown properties, so a test of the records' own tolerance reads strictly.
 */
public final class ServicesJson {

	private ServicesJson() {
	}

	public static JsonMapper mapper() {
		return JsonMapper.builder()
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
			.build();
	}

}
