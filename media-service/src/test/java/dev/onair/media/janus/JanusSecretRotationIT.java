package dev.onair.media.janus;

import java.util.UUID;

import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Halfway through a rotation: media-service lists the new API secret and admin key first,
 * while the stack's Janus still has the old ones (here the new ones are unknown to it).
 * It opens sessions and creates rooms all the same, with the first of each list the node
 * accepts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS, Needs.JANUS })
class JanusSecretRotationIT {

	@Autowired
	private JanusNodes nodes;

	@Autowired
	private VideoRoom videoRoom;

	@DynamicPropertySource
	static void janus(DynamicPropertyRegistry registry) {
		registry.add("onair.janus.ws-urls", () -> LocalStack.get().janusWebSocketUrl(1).toString());
		registry.add("onair.janus.api-secrets",
				() -> "a-secret-janus-does-not-have-yet," + LocalStack.get().janusApiSecret());
		registry.add("onair.janus.admin-keys",
				() -> "a-key-janus-does-not-have-yet," + LocalStack.get().janusAdminKey());
		registry.add("onair.janus.trusted-certificates", () -> LocalStack.get().janusTrustedCertificates());
	}

	@Test
	void aNodeStillOnTheOldSecretAndKeyServesWithTheOldOnes() {
		JanusNode node = this.nodes.all().getFirst();
		Awaitility.await("media-service connected to " + node.id()).until(node::up);
		for (int round = 0; round < 2; round++) {
			JanusHandle handle = this.videoRoom.open(node);
			String room = UUID.randomUUID().toString();
			try {
				this.videoRoom.createRoom(handle, room);
				this.videoRoom.destroyRoom(handle, room);
			}
			finally {
				this.videoRoom.destroySession(node, handle.session());
			}
		}
	}

}
