-- Owner tokens carry the generation they were minted for; re-issuing a token bumps it,
-- which revokes the tokens of earlier generations. Existing broadcasts start at 1.
alter table broadcast add column owner_generation bigint not null default 1;
