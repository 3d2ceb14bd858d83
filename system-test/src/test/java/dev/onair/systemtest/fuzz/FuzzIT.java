package dev.onair.systemtest.fuzz;

import java.time.Duration;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short fuzz run in every {@code ./onair test} (well under a minute): 2,000 hostile
 * frames over 12 connections and 800 hostile requests, from the generators and seed of
 * {@link FuzzBenchmark}, so what the full run found cannot come back unnoticed.
 */
@RealInfrastructure({ Needs.STACK })
class FuzzIT {

	@Test
	void hostileFramesAndRequestsGetPreciseAnswersAndLeaveEveryServiceUp() throws Exception {
		FuzzTally tally = new FuzzRun(2_000, 800, 12).run();
		assertThat(tally.findingCounts()).as("findings (see the FUZZ lines)").isEmpty();
	}

	/**
	 * The full run's finding of 2026-12-03 (seed 15, #5746): edge-web refused the request
	 * line at once and closed while the body was still coming, and the reset left the
	 * client with no answer, every time; it closes lingering now.
	 */
	@Test
	void aRequestRefusedFromItsRequestLineGetsItsAnswerWhileItsBodyIsStillComing() {
		Integer status = HttpClient.create()
			.request(HttpMethod.GET)
			.uri("http://127.0.0.1:8080/api/broadcasts/" + "x".repeat(5_000))
			.send(Mono.just(Unpooled.wrappedBuffer(new byte[900_000])))
			.responseSingle((response, body) -> Mono.just(response.status().code()))
			.block(Duration.ofSeconds(30));
		assertThat(status).isEqualTo(414);
	}

}
