package dev.onair.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the real infrastructure of the local stack ({@code ./onair
 * infra} or {@code ./onair test} starts it). Before the class runs, every piece it
 * {@linkplain #value() needs} is checked and the class <strong>fails</strong> with a
 * message naming the missing piece; it is never skipped.
 * <p>
 * In a Spring test context the class also gets, as properties: the Kafka bootstrap
 * servers and a topic/consumer-group prefix of its own ({@code onair.kafka.prefix}), a
 * fresh PostgreSQL database when it needs {@link Needs#POSTGRES}, and a Redis database
 * index of its own when it needs {@link Needs#REDIS}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface RealInfrastructure {

	Needs[] value() default { Needs.KAFKA };

}
