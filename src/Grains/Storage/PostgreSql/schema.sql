-- The cluster profile's schema on PostgreSQL (15 or later), version 2:
--   * orleans_storage: grain state, written and read by Orleans' ADO.NET grain storage provider
--     (Microsoft.Orleans.Persistence.AdoNet) through the queries below, and scanned by the product's rebuilds;
--   * the membership and reminder tables of Orleans' ADO.NET clustering and reminder providers;
--   * OrleansQuery, the named queries all three providers read at start and then run.
--
-- The providers ship no SQL: they look queries up by key, bind parameters by name (@DeploymentId …)
-- and read result columns by name ("Address", "Version" …). Those names are the contract; the tables
-- behind them are this project's own.
--
-- Version 1 kept grain state in a table of its own, grain_state. This file leaves that table alone: a database
-- that has one keeps it until its rows are copied into orleans_storage (`dotnet src/Silo/… --copy-grain-state`,
-- see the README's cluster section) and it is dropped by hand.
--
-- Idempotent: every statement can run again over an existing schema, and query texts are replaced,
-- so applying a newer file upgrades them. Silos apply it at start (Matching:PostgreSql:ApplySchema);
-- `dotnet src/Silo/… --apply-schema` or `psql -f schema.sql` apply it by hand.

-- Which version of this file was applied last (its SHA-256), so a silo start skips an up-to-date schema.
CREATE TABLE IF NOT EXISTS matching_schema (
    id            integer     PRIMARY KEY CHECK (id = 1),
    script_sha256 text        NOT NULL,
    applied_at    timestamptz NOT NULL DEFAULT now()
);

-- Grain state, one row per grain state of a service. The provider names a row by the service id, the state
-- name (its "grain type string") and the grain key taken apart: N0 and N1 for keys it reads as numbers or Guids,
-- the "extension string" for text (the product hands it every key as text; see AdoNetStateStore). It also sends
-- 32-bit hashes of the key and of the state name (Orleans' stable hash); they are kept with the row, but rows are
-- found by the natural key, whose order also serves the rebuild scans: every row of one state name, in key order.
-- Keys sort by code point ("C"), as ordinal comparison does in .NET.
-- The payload is the JSON the product serializes (the provider sends it as UTF-8 bytes); the json type, not
-- jsonb, keeps any text the API accepted, as written. version is the ETag: 1 on the first write, one more on each.
CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id  varchar(150)     NOT NULL,
    state_name  text COLLATE "C" NOT NULL,
    grain_key   text COLLATE "C" NOT NULL,
    grain_n0    bigint           NOT NULL,
    grain_n1    bigint           NOT NULL,
    grain_hash  integer          NOT NULL,
    state_hash  integer          NOT NULL,
    payload     json             NULL,
    version     integer          NOT NULL,
    modified_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_key, grain_n0, grain_n1)
);

-- Cluster membership: one version row per cluster, bumped by every change of a member row, so that
-- concurrent writers of the table detect each other (Orleans' extended membership protocol).
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id varchar(150) PRIMARY KEY,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer      NULL,
    suspect_times   text         NULL,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminders. The grain hash is kept unsigned (0 … 2^32-1): Orleans hands it over as a signed 32-bit
-- number, and comparing signed values would lose the ranges of the hash ring that cross 2^31.
CREATE TABLE IF NOT EXISTS orleans_reminder (
    service_id    varchar(150) NOT NULL,
    grain_id      text         NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,
    grain_hash    bigint       NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminder_by_hash ON orleans_reminder (service_id, grain_hash);

-- The providers read this table by these exact names (unquoted, so folded to lower case as they are).
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Grain storage. A row is named by the parameters the provider binds: @ServiceId, @GrainTypeString (the state
-- name), @GrainIdExtensionString (the key as text; null when the key was a number or Guid alone), @GrainIdN0,
-- @GrainIdN1. A write or clear with a stale @GrainStateVersion touches no row and answers no version, which the
-- provider turns into an InconsistentStateException.

-- A first write (no version) inserts unless a row exists (another activation wrote first: the primary key
-- decides the race); a later one updates only the version it read.
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleans_storage
        SET payload = convert_from(@PayloadBinary, 'UTF8')::json, version = version + 1, modified_at = now()
        WHERE @GrainStateVersion::integer IS NOT NULL
          AND service_id = @ServiceId AND state_name = @GrainTypeString
          AND grain_key = coalesce(@GrainIdExtensionString, '') AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
          AND version = @GrainStateVersion
        RETURNING version
    ), inserted AS (
        INSERT INTO orleans_storage (
            service_id, state_name, grain_key, grain_n0, grain_n1, grain_hash, state_hash, payload, version)
        SELECT @ServiceId, @GrainTypeString, coalesce(@GrainIdExtensionString, ''), @GrainIdN0, @GrainIdN1,
               @GrainIdHash, @GrainTypeHash, convert_from(@PayloadBinary, 'UTF8')::json, 1
        WHERE @GrainStateVersion::integer IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version
    )
    SELECT version AS "NewGrainStateVersion" FROM updated
    UNION ALL
    SELECT version FROM inserted
$q$),

-- No row: the provider gives the grain its default state and no ETag.
('ReadFromStorageKey', $q$
    SELECT convert_to(payload::text, 'UTF8') AS "PayloadBinary", version AS "Version"
    FROM orleans_storage
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_key = coalesce(@GrainIdExtensionString, '') AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
$q$),

-- The product clears by deleting (DeleteStateOnClear), so a cleared state reads as never written; the provider
-- still requires this query, which keeps the row with no payload.
('ClearStorageKey', $q$
    UPDATE orleans_storage
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_key = coalesce(@GrainIdExtensionString, '') AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version AS "NewGrainStateVersion"
$q$),

-- The answer must differ from the version sent for the provider to take the delete as done.
('DeleteStorageKey', $q$
    DELETE FROM orleans_storage
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_key = coalesce(@GrainIdExtensionString, '') AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version + 1 AS "NewGrainStateVersion"
$q$),

-- Membership. Queries answering "did it work" return one integer column: > 0 yes, 0 no.
('InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO orleans_membership_version (deployment_id)
        VALUES (@DeploymentId::varchar)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$q$),

-- A member joins only if the table is still at the version the silo read (the version row is locked
-- by the update, so a concurrent writer waits and then finds a newer version) and its row is new.
('InsertMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleans_membership_version
        SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
          AND NOT EXISTS (
              SELECT 1 FROM orleans_membership
              WHERE deployment_id = @DeploymentId AND address = @Address
                AND port = @Port AND generation = @Generation)
        RETURNING deployment_id
    ), inserted AS (
        INSERT INTO orleans_membership (
            deployment_id, address, port, generation, silo_name, host_name,
            status, proxy_port, start_time, i_am_alive_time)
        SELECT deployment_id, @Address::varchar, @Port::integer, @Generation::integer, @SiloName::varchar,
               @HostName::varchar, @Status::integer, @ProxyPort::integer, @StartTime::timestamptz,
               @IAmAliveTime::timestamptz
        FROM bumped
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$q$),

('UpdateMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleans_membership_version
        SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
          AND EXISTS (
              SELECT 1 FROM orleans_membership
              WHERE deployment_id = @DeploymentId AND address = @Address
                AND port = @Port AND generation = @Generation)
        RETURNING deployment_id
    ), updated AS (
        UPDATE orleans_membership m
        SET status = @Status::integer,
            suspect_times = @SuspectTimes::text,
            i_am_alive_time = @IAmAliveTime::timestamptz
        FROM bumped b
        WHERE m.deployment_id = b.deployment_id AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
        RETURNING 1
    )
    SELECT count(*)::integer FROM updated
$q$),

-- A heartbeat; it needs no version (Orleans reads no answer from it).
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership
    SET i_am_alive_time = @IAmAliveTime::timestamptz
    WHERE deployment_id = @DeploymentId AND address = @Address
      AND port = @Port AND generation = @Generation
$q$),

-- The version row comes back even when no member matches: Orleans needs the table version alone.
('MembershipReadRowKey', $q$
    SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
           m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
           m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m
           ON m.deployment_id = v.deployment_id AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
    SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
           m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
           m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId
$q$),

('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Clients find gateways here: members with the asked status (Active) that accept clients.
('GatewaysQueryKey', $q$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Forgets members that stopped heart-beating before the given time, unless still Active (3).
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime::timestamptz AND status <> 3
$q$),

-- Reminders. The version is the reminder's ETag: 0 when created, one more on every change.
('UpsertReminderRowKey', $q$
    INSERT INTO orleans_reminder (
        service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
    VALUES (@ServiceId::varchar, @GrainId::text, @ReminderName::varchar, @StartTime::timestamptz,
            @Period::bigint, @GrainHash::bigint & 4294967295, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET start_time = EXCLUDED.start_time, period = EXCLUDED.period,
        grain_hash = EXCLUDED.grain_hash, version = orleans_reminder.version + 1
    RETURNING version AS "Version"
$q$),

('ReadReminderRowsKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- A range of the hash ring that does not wrap: (begin, end].
('ReadRangeRows1Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_hash > (@BeginHash::bigint & 4294967295)
      AND grain_hash <= (@EndHash::bigint & 4294967295)
$q$),

-- A range that wraps past the top of the ring: (begin, 2^32) and [0, end].
('ReadRangeRows2Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND (grain_hash > (@BeginHash::bigint & 4294967295)
           OR grain_hash <= (@EndHash::bigint & 4294967295))
$q$),

('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM orleans_reminder
        WHERE service_id = @ServiceId AND grain_id = @GrainId
          AND reminder_name = @ReminderName AND version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM orleans_reminder WHERE service_id = @ServiceId
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
