package dev.onair.broadcast.state;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import dev.onair.contract.broadcast.BroadcastStatus;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL for the {@code broadcast} table; runs in the caller's transaction if any. */
@Repository
public class BroadcastStore {

	private static final String COLUMNS = "id, version, status, title, description, tags, streamer, created_at, "
			+ "started_at, ended_at, peak_viewers, publisher_gone_at, thumbnail_etag, owner_generation";

	private final DatabaseClient db;

	BroadcastStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Broadcast> find(UUID id) {
		return this.db.sql("select " + COLUMNS + " from broadcast where id = :id")
			.bind("id", id)
			.map(BroadcastStore::read)
			.one();
	}

	/** LIVE broadcasts whose publisher left before {@code cutoff}. */
	public Flux<UUID> publisherGoneBefore(Instant cutoff) {
		return this.db
			.sql("select id from broadcast where status = 'LIVE' and publisher_gone_at is not null"
					+ " and publisher_gone_at < :cutoff")
			.bind("cutoff", cutoff)
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/** READY broadcasts created before {@code cutoff} (never went live). */
	public Flux<UUID> readySince(Instant cutoff) {
		return this.db.sql("select id from broadcast where status = 'READY' and created_at < :cutoff")
			.bind("cutoff", cutoff)
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	Mono<Broadcast> lock(UUID id) {
		return this.db.sql("select " + COLUMNS + " from broadcast where id = :id for update")
			.bind("id", id)
			.map(BroadcastStore::read)
			.one();
	}

	Mono<Void> insert(Broadcast b) {
		return bindAll(this.db.sql("insert into broadcast (" + COLUMNS + ") values (:id, :version, :status, :title, "
				+ ":description, :tags, :streamer, :createdAt, :startedAt, :endedAt, :peakViewers, :publisherGoneAt, "
				+ ":thumbnailEtag, :ownerGeneration)"), b)
			.then();
	}

	Mono<Void> update(Broadcast b) {
		return bindAll(this.db.sql("update broadcast set version = :version, status = :status, title = :title, "
				+ "description = :description, tags = :tags, streamer = :streamer, created_at = :createdAt, "
				+ "started_at = :startedAt, ended_at = :endedAt, peak_viewers = :peakViewers, "
				+ "publisher_gone_at = :publisherGoneAt, thumbnail_etag = :thumbnailEtag, owner_generation = :ownerGeneration "
				+ "where id = :id"), b)
			.then();
	}

	private static GenericExecuteSpec bindAll(GenericExecuteSpec spec, Broadcast b) {
		return spec.bind("id", b.id())
			.bind("version", b.version())
			.bind("status", b.status().name())
			.bind("title", b.title())
			.bind("description", b.description())
			.bind("tags", b.tags().toArray(String[]::new))
			.bind("streamer", Parameter.fromOrEmpty(b.streamer(), String.class))
			.bind("createdAt", b.createdAt())
			.bind("startedAt", Parameter.fromOrEmpty(b.startedAt(), Instant.class))
			.bind("endedAt", Parameter.fromOrEmpty(b.endedAt(), Instant.class))
			.bind("peakViewers", b.peakViewers())
			.bind("publisherGoneAt", Parameter.fromOrEmpty(b.publisherGoneAt(), Instant.class))
			.bind("thumbnailEtag", Parameter.fromOrEmpty(b.thumbnailEtag(), String.class))
			.bind("ownerGeneration", b.ownerGeneration());
	}

	private static Broadcast read(Readable row) {
		String[] tags = row.get("tags", String[].class);
		return new Broadcast(row.get("id", UUID.class), row.get("version", Long.class),
				BroadcastStatus.valueOf(row.get("status", String.class)), row.get("title", String.class),
				row.get("description", String.class), Arrays.asList((tags != null) ? tags : new String[0]),
				row.get("streamer", String.class), row.get("created_at", Instant.class),
				row.get("started_at", Instant.class), row.get("ended_at", Instant.class),
				row.get("peak_viewers", Long.class), row.get("publisher_gone_at", Instant.class),
				row.get("thumbnail_etag", String.class), row.get("owner_generation", Long.class));
	}

}
