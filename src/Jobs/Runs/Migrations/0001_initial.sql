-- Dockhand's own tables. Hangfire's job data expires; these keep every run, attempt and log.

CREATE TABLE dockhand.contexts (
    digest       text PRIMARY KEY,              -- 'sha256:' + hex of the tar
    size_bytes   bigint NOT NULL,
    content      bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dockhand.runs (
    id               uuid PRIMARY KEY,
    name             text,
    queue            text NOT NULL,
    spec             jsonb NOT NULL,
    context_digest   text REFERENCES dockhand.contexts (digest),
    status           text NOT NULL,             -- Queued, Running, Retrying, Succeeded, Failed, Cancelled
    hangfire_job_id  text,
    fence            bigint NOT NULL DEFAULT 0, -- bumped by each attempt; result writes must match
    attempts_used    integer NOT NULL DEFAULT 0, -- attempts that count against retry.attempts
    exit_code        integer,
    failure_class    text,
    failure_message  text,
    labels           jsonb NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
CREATE INDEX runs_created_at ON dockhand.runs (created_at DESC);
CREATE INDEX runs_status ON dockhand.runs (status);

CREATE TABLE dockhand.attempts (
    run_id            uuid NOT NULL REFERENCES dockhand.runs (id) ON DELETE CASCADE,
    number            integer NOT NULL,
    fence             bigint NOT NULL,
    node              text NOT NULL,
    status            text NOT NULL,             -- Running, Succeeded, Failed, Cancelled, Interrupted
    container_id      text,
    image             text,
    exit_code         integer,
    oom_killed        boolean NOT NULL DEFAULT false,
    failure_class     text,
    failure_message   text,
    log_bytes         bigint NOT NULL DEFAULT 0,
    log_truncated     boolean NOT NULL DEFAULT false,
    started_at        timestamptz NOT NULL DEFAULT now(),
    image_started_at  timestamptz,
    image_finished_at timestamptz,
    run_started_at    timestamptz,
    run_finished_at   timestamptz,
    finished_at       timestamptz,
    PRIMARY KEY (run_id, number)
);

CREATE TABLE dockhand.log_chunks (
    position   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the cursor clients follow with
    run_id     uuid NOT NULL REFERENCES dockhand.runs (id) ON DELETE CASCADE,
    attempt    integer NOT NULL,
    stream     text NOT NULL,                    -- build, stdout, stderr, system
    at         timestamptz NOT NULL DEFAULT now(),
    content    text NOT NULL
);
CREATE INDEX log_chunks_run_position ON dockhand.log_chunks (run_id, position);
