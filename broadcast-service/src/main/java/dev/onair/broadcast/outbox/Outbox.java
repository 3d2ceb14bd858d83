package dev.onair.broadcast.outbox;

import java.util.UUID;

import dev.onair.contract.broadcast.BroadcastChanged;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Appends snapshots to the outbox table, inside the caller's transaction. */
@Component
public class Outbox {

	private final DatabaseClient db;

	private final JsonMapper json;

	Outbox(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	public Mono<Void> append(BroadcastChanged snapshot) {
		return this.db.sql("insert into outbox (broadcast_id, version, payload) values (:id, :version, :payload)")
			.bind("id", UUID.fromString(snapshot.id()))
			.bind("version", snapshot.version())
			.bind("payload", this.json.writeValueAsString(snapshot))
			.then();
	}

}
