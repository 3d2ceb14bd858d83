package dev.onair.broadcast.thumbnail;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code thumbnail} table (one image per broadcast, replaced on upload). */
@Repository
class ThumbnailStore {

	private final DatabaseClient db;

	ThumbnailStore(DatabaseClient db) {
		this.db = db;
	}

	Mono<Thumbnail> find(UUID broadcast) {
		return this.db.sql("select content_type, etag, bytes from thumbnail where broadcast_id = :id")
			.bind("id", broadcast)
			.map((row) -> {
				ByteBuffer buffer = row.get("bytes", ByteBuffer.class);
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				return new Thumbnail(row.get("content_type", String.class), row.get("etag", String.class), bytes);
			})
			.one();
	}

	Mono<Void> save(UUID broadcast, Thumbnail thumbnail) {
		return this.db
			.sql("insert into thumbnail (broadcast_id, content_type, etag, bytes, updated_at) "
					+ "values (:id, :type, :etag, :bytes, :at) on conflict (broadcast_id) do update set "
					+ "content_type = excluded.content_type, etag = excluded.etag, bytes = excluded.bytes, "
					+ "updated_at = excluded.updated_at")
			.bind("id", broadcast)
			.bind("type", thumbnail.contentType())
			.bind("etag", thumbnail.etag())
			.bind("bytes", ByteBuffer.wrap(thumbnail.bytes()))
			.bind("at", Instant.now())
			.then();
	}

}
