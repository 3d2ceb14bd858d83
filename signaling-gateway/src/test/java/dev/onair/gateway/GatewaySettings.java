package dev.onair.gateway;

import java.util.HashMap;
import java.util.Map;

import dev.onair.gateway.system.GatewayProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link GatewayProperties} bound the way Spring binds them, defaults included, from a
 * few {@code onair.gateway.*} values: unit tests stay independent of the record's arity.
 */
public final class GatewaySettings {

	private static final String KEY = "k".repeat(32);

	private GatewaySettings() {
	}

	public static GatewayProperties with(Map<String, String> values) {
		Map<String, String> all = new HashMap<>(Map.of("onair.gateway.id", "gw-test", "onair.gateway.session-token-key",
				KEY, "onair.gateway.owner-token-keys", KEY));
		all.putAll(values);
		return new Binder(new MapConfigurationPropertySource(all)).bind("onair.gateway", GatewayProperties.class).get();
	}

}
