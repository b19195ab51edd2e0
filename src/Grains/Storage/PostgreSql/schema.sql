-- The cluster profile's schema on PostgreSQL (15 or later):
--   * grain_state: one row per grain state, written by PostgreSqlGrainStorage;
--   * the membership and reminder tables of Orleans' ADO.NET clustering and reminder providers,
--     and OrleansQuery, the named queries those providers read at start and then run.
--
-- The providers ship no SQL: they look queries up by key, bind parameters by name (@DeploymentId …)
-- and read result columns by name ("Address", "Version" …). Those names are the contract; the tables
-- behind them are this project's own.
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

-- Grain state: JSON (the json type keeps the text as written, so any string the API accepted is stored),
-- with an integer ETag for optimistic concurrency. Keys sort by code point ("C"), as ordinal comparison
-- does in .NET, so a scan returns them in the order the catalogs keep.
CREATE TABLE IF NOT EXISTS grain_state (
    state_name text COLLATE "C" NOT NULL,
    grain_key  text COLLATE "C" NOT NULL,
    etag       bigint           NOT NULL,
    payload    json             NOT NULL,
    updated_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (state_name, grain_key)
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
