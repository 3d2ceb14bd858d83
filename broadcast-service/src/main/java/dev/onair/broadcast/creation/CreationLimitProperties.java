package dev.onair.broadcast.creation;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The creation rate limit ({@code onair.creation-limit.*}): a token bucket per client
 * address.
 *
 * @param burst creations an address may make at once (the bucket's size)
 * @param refillEvery one more creation becomes available this often
 * @param edgeProxies CIDR blocks of the proxies in front of this service (edge-web),
 * whose {@code X-Forwarded-For} says who the client is; from anyone else the header is
 * ignored ({@code EDGE_PROXIES}; locally edge-web on loopback, in k8s the pod network)
 */
@ConfigurationProperties("onair.creation-limit")
public record CreationLimitProperties(@DefaultValue("30") int burst, @DefaultValue("10s") Duration refillEvery,
		@DefaultValue( {
				"127.0.0.0/8", "::1/128" }) List<String> edgeProxies){

	public CreationLimitProperties {
		if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
			throw new IllegalArgumentException("onair.creation-limit needs burst >= 1 and a positive refill-every");
		}
	}

}
