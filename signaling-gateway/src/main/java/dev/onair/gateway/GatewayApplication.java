package dev.onair.gateway;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		// Without GATEWAY_ID (the environment outranks this) an instance is still one of
		// its own: one random id, resolved alike wherever it is read (GatewayProperties,
		// its consumer groups in application.yml).
		application.setDefaultProperties(
				Map.of("GATEWAY_ID", "gw-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())));
		application.run(args);
	}

}
