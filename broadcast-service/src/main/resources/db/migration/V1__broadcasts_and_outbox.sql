-- The source of truth for broadcasts. version grows by one with every change visible in a
-- snapshot; publisher_gone_at (internal) starts the grace period after a publisher leaves,
-- stored so that a restart does not forget it.
create table broadcast (
    id                uuid primary key,
    version           bigint        not null,
    status            varchar(8)    not null,
    title             varchar(100)  not null,
    description       varchar(2000) not null,
    tags              text[]        not null,
    streamer          varchar(40),
    created_at        timestamptz   not null,
    started_at        timestamptz,
    ended_at          timestamptz,
    peak_viewers      bigint        not null default 0,
    publisher_gone_at timestamptz,
    thumbnail_etag    varchar(64)
);

-- The sweeper's two questions: who has been gone past the grace, who never started.
create index broadcast_publisher_gone on broadcast (publisher_gone_at) where status = 'LIVE' and publisher_gone_at is not null;
create index broadcast_ready_since on broadcast (created_at) where status = 'READY';

-- Snapshots waiting for (or already given to) Kafka; written in the same transaction as
-- the broadcast row, published by the relay in id order.
create table outbox (
    id           bigserial primary key,
    broadcast_id uuid        not null,
    version      bigint      not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz
);

create index outbox_pending on outbox (id) where sent_at is null;

create table thumbnail (
    broadcast_id uuid primary key references broadcast (id),
    content_type varchar(32) not null,
    etag         varchar(64) not null,
    bytes        bytea       not null,
    updated_at   timestamptz not null
);
