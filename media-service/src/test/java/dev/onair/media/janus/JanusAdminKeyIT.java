package dev.onair.media.janus;

import java.util.UUID;

import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stack's Janus has a VideoRoom {@code admin_key}: a room create without it, or with
 * another key, is refused, even with the API secret; media-service's own create carries
 * it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS, Needs.JANUS })
class JanusAdminKeyIT {

	/** Janus VideoRoom: a mandatory element (here {@code admin_key}) is missing. */
	private static final int MISSING_ELEMENT = 429;

	/** Janus VideoRoom: unauthorized (a wrong secret or key). */
	private static final int UNAUTHORIZED = 433;

	@Autowired
	private JanusNodes nodes;

	@Autowired
	private VideoRoom videoRoom;

	@DynamicPropertySource
	static void janus(DynamicPropertyRegistry registry) {
		registry.add("onair.janus.ws-urls", () -> LocalStack.get().janusWebSocketUrl(1).toString());
		registry.add("onair.janus.api-secrets", () -> LocalStack.get().janusApiSecret());
		registry.add("onair.janus.admin-keys", () -> LocalStack.get().janusAdminKey());
		registry.add("onair.janus.trusted-certificates", () -> LocalStack.get().janusTrustedCertificates());
	}

	@Test
	void janusRefusesARoomCreateWithoutTheAdminKey() {
		JanusNode node = this.nodes.all().getFirst();
		Awaitility.await("media-service connected to " + node.id()).until(node::up);
		JanusHandle handle = this.videoRoom.open(node);
		String room = UUID.randomUUID().toString();
		try {
			assertThatExceptionOfType(JanusException.class).as("create without admin_key")
				.isThrownBy(() -> node.call(create(node, handle, room, null)))
				.satisfies((refused) -> assertThat(refused.code()).isEqualTo(MISSING_ELEMENT));
			assertThatExceptionOfType(JanusException.class).as("create with another admin_key")
				.isThrownBy(() -> node.call(create(node, handle, room, "not-the-key")))
				.satisfies((refused) -> assertThat(refused.code()).isEqualTo(UNAUTHORIZED));

			this.videoRoom.createRoom(handle, room);
			this.videoRoom.destroyRoom(handle, room);
		}
		finally {
			this.videoRoom.destroySession(node, handle.session());
		}
	}

	private static ObjectNode create(JanusNode node, JanusHandle handle, String room, String adminKey) {
		ObjectNode create = node.request("message")
			.put("session_id", handle.session())
			.put("handle_id", handle.handle());
		ObjectNode body = create.putObject("body").put("request", "create").put("room", room);
		if (adminKey != null) {
			body.put("admin_key", adminKey);
		}
		return create;
	}

}
