#include "core/storage/Migrations.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace {

struct Step
{
    int version;
    const char *sql; // statements separated by ";\n"
};

// Never edit a step that has shipped; add a new one.
const Step kSteps[] = {
    {1, R"SQL(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE providers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    base_url        TEXT NOT NULL,
    key_ref         TEXT NOT NULL DEFAULT '',
    sync_interval_s INTEGER NOT NULL DEFAULT 30,
    expose_all      INTEGER NOT NULL DEFAULT 1,
    enabled         INTEGER NOT NULL DEFAULT 1,
    status          TEXT NOT NULL DEFAULT 'active',
    last_error      TEXT NOT NULL DEFAULT '',
    last_sync       TEXT,
    options         TEXT NOT NULL DEFAULT '{}',
    created_at      TEXT NOT NULL
);
CREATE TABLE models (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    model_id    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'online',
    category    TEXT NOT NULL DEFAULT 'chat',
    owned_by    TEXT NOT NULL DEFAULT '',
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    UNIQUE (provider_id, model_id)
);
CREATE TABLE sync_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    time        TEXT NOT NULL,
    added       INTEGER NOT NULL DEFAULT 0,
    removed     INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_events_provider ON sync_events (provider_id, id);
CREATE TABLE aliases (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    alias              TEXT NOT NULL UNIQUE,
    provider_id        INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    model_id           TEXT NOT NULL,
    category           TEXT NOT NULL DEFAULT 'chat',
    price_input        REAL NOT NULL DEFAULT 0,
    price_output       REAL NOT NULL DEFAULT 0,
    price_cached_input REAL NOT NULL DEFAULT 0,
    defaults           TEXT NOT NULL DEFAULT '{}',
    active             INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL
);
CREATE TABLE gateway_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    hash        TEXT NOT NULL UNIQUE,
    prefix      TEXT NOT NULL,
    models      TEXT NOT NULL DEFAULT '[]',
    rpm         INTEGER NOT NULL DEFAULT 0,
    budget_usd  REAL NOT NULL DEFAULT 0,
    expires_at  TEXT,
    revoked_at  TEXT,
    internal    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    last_used   TEXT,
    requests    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE request_log (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms           INTEGER NOT NULL,
    key_id            INTEGER,
    key_name          TEXT NOT NULL DEFAULT '',
    route             TEXT NOT NULL,
    model             TEXT NOT NULL DEFAULT '',
    provider          TEXT NOT NULL DEFAULT '',
    upstream_model    TEXT NOT NULL DEFAULT '',
    stream            INTEGER NOT NULL DEFAULT 0,
    status            INTEGER NOT NULL,
    error             TEXT NOT NULL DEFAULT '',
    latency_ms        REAL NOT NULL DEFAULT 0,
    ttfb_ms           REAL NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cached_tokens     INTEGER NOT NULL DEFAULT 0,
    cost_usd          REAL NOT NULL DEFAULT 0,
    client            TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT 'api',
    request_body      TEXT,
    response_body     TEXT
);
CREATE INDEX request_log_time ON request_log (time_ms);
CREATE INDEX request_log_model_time ON request_log (model, time_ms);
CREATE INDEX request_log_key_time ON request_log (key_name, time_ms);
CREATE INDEX request_log_provider_time ON request_log (provider, time_ms)
)SQL"},
    // A counter the gateway polls to know when to rebuild its routing snapshot
    // (request-log writes must not count, so data_version is not enough).
    {2, R"SQL(
CREATE TABLE config_version (version INTEGER NOT NULL);
INSERT INTO config_version (version) VALUES (1);
CREATE TRIGGER providers_ins AFTER INSERT ON providers BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER providers_upd AFTER UPDATE OF name, kind, base_url, key_ref, expose_all, enabled, options ON providers BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER providers_del AFTER DELETE ON providers BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER aliases_ins AFTER INSERT ON aliases BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER aliases_upd AFTER UPDATE ON aliases BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER aliases_del AFTER DELETE ON aliases BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER models_ins AFTER INSERT ON models BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER models_upd AFTER UPDATE OF status ON models BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER models_del AFTER DELETE ON models BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER keys_ins AFTER INSERT ON gateway_keys BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER keys_upd AFTER UPDATE OF name, hash, models, rpm, budget_usd, expires_at, revoked_at ON gateway_keys BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER keys_del AFTER DELETE ON gateway_keys BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER settings_ins AFTER INSERT ON settings BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER settings_upd AFTER UPDATE ON settings BEGIN UPDATE config_version SET version = version + 1; END
)SQL"},
    // Usage charts: hour-bucketed covering indexes in GROUP BY order, so
    // aggregating a month of a million rows streams without a sort.
    {3, R"SQL(
CREATE INDEX request_log_usage_model ON request_log (time_ms / 3600000, model, prompt_tokens, completion_tokens, cached_tokens, cost_usd);
CREATE INDEX request_log_usage_key ON request_log (time_ms / 3600000, key_name, prompt_tokens, completion_tokens, cached_tokens, cost_usd);
CREATE INDEX request_log_usage_provider ON request_log (time_ms / 3600000, provider, prompt_tokens, completion_tokens, cached_tokens, cost_usd)
)SQL"},
    // Saved Playground comparisons: the whole comparison as JSON, plus the
    // columns the saved list shows and sorts by.
    {4, R"SQL(
CREATE TABLE comparisons (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT NOT NULL,
    models     TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX comparisons_updated ON comparisons (updated_at)
)SQL"},
    // Nothing reads these: the Logs tab walks rowid windows and usage uses the
    // hour-bucket indexes of step 3. Every request-log insert paid for them.
    {5, R"SQL(
DROP INDEX IF EXISTS request_log_model_time;
DROP INDEX IF EXISTS request_log_key_time;
DROP INDEX IF EXISTS request_log_provider_time
)SQL"},
    // Cost truth: cache writes are billed apart from plain input, and
    // reasoning tokens are shown (both already counted in prompt/completion);
    // cost_estimated marks responses cut short before the upstream reported usage.
    {6, R"SQL(
ALTER TABLE request_log ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE request_log ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE request_log ADD COLUMN cost_estimated INTEGER NOT NULL DEFAULT 0
)SQL"},
    // Spend control: budgets with periods and a soft limit, tpm and
    // max_parallel on keys, and the spend ledger (per holder and local day),
    // which the log writer keeps and retention never touches. Seeded once from
    // the log so spend recorded before this version still counts.
    {7, R"SQL(
ALTER TABLE gateway_keys ADD COLUMN budget_period TEXT NOT NULL DEFAULT 'total';
ALTER TABLE gateway_keys ADD COLUMN soft_usd REAL NOT NULL DEFAULT 0;
ALTER TABLE gateway_keys ADD COLUMN tpm INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gateway_keys ADD COLUMN max_parallel INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gateway_keys ADD COLUMN allow_unpriced INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER keys_limits_upd AFTER UPDATE OF budget_period, soft_usd, tpm, max_parallel, allow_unpriced ON gateway_keys BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TABLE spend_ledger (
    holder_kind TEXT NOT NULL,
    holder_id   INTEGER NOT NULL,
    day         TEXT NOT NULL,
    spend_usd   REAL NOT NULL DEFAULT 0,
    requests    INTEGER NOT NULL DEFAULT 0,
    tokens      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (holder_kind, holder_id, day)
) WITHOUT ROWID;
INSERT INTO spend_ledger (holder_kind, holder_id, day, spend_usd, requests, tokens)
    SELECT 'key', key_id, date(time_ms / 1000, 'unixepoch', 'localtime'), SUM(cost_usd), COUNT(*), SUM(prompt_tokens + completion_tokens)
    FROM request_log WHERE key_id IS NOT NULL GROUP BY key_id, date(time_ms / 1000, 'unixepoch', 'localtime')
)SQL"},
    // Routing: an alias spreads over targets (each existing alias becomes its
    // own single target), with a strategy, fallback aliases and a retry
    // policy; the log keeps every try a request took; target_state is what
    // the running gateway publishes of each target (for `tollgate routes`).
    {8, R"SQL(
CREATE TABLE alias_targets (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    alias_id    INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    provider_id INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    model_id    TEXT NOT NULL,
    weight      INTEGER NOT NULL DEFAULT 1,
    priority    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX alias_targets_alias ON alias_targets (alias_id, position);
INSERT INTO alias_targets (alias_id, position, provider_id, model_id) SELECT id, 0, provider_id, model_id FROM aliases;
ALTER TABLE aliases ADD COLUMN strategy TEXT NOT NULL DEFAULT 'weighted';
ALTER TABLE aliases ADD COLUMN fallbacks TEXT NOT NULL DEFAULT '[]';
ALTER TABLE aliases ADD COLUMN retry TEXT NOT NULL DEFAULT '{}';
CREATE TRIGGER alias_targets_ins AFTER INSERT ON alias_targets BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER alias_targets_upd AFTER UPDATE ON alias_targets BEGIN UPDATE config_version SET version = version + 1; END;
CREATE TRIGGER alias_targets_del AFTER DELETE ON alias_targets BEGIN UPDATE config_version SET version = version + 1; END;
ALTER TABLE request_log ADD COLUMN attempts TEXT NOT NULL DEFAULT '';
CREATE TABLE target_state (
    target            TEXT PRIMARY KEY,
    state             TEXT NOT NULL,
    in_flight         INTEGER NOT NULL DEFAULT 0,
    ttfb_ms           REAL,
    error_rate        REAL NOT NULL DEFAULT 0,
    cooldown_until_ms INTEGER NOT NULL DEFAULT 0,
    updated_ms        INTEGER NOT NULL
)
)SQL"},
};

bool ensureVersionTable(const QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version"));
    const bool empty = q.next() && q.value(0).toInt() == 0;
    q.finish();
    if (empty)
        q.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"));
    return true;
}

} // namespace

int Migrations::latestVersion()
{
    return kSteps[std::size(kSteps) - 1].version;
}

int Migrations::currentVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
        return 0;
    const int version = q.value(0).toInt();
    q.finish();
    return version;
}

bool Migrations::apply(const QSqlDatabase &db, QString *error, int target)
{
    if (target < 0)
        target = latestVersion();
    if (!ensureVersionTable(db, error))
        return false;
    const int current = currentVersion(db);
    if (current > latestVersion()) {
        if (error)
            *error = QStringLiteral("database schema version %1 is newer than this Tollgate (%2)")
                         .arg(current)
                         .arg(latestVersion());
        return false;
    }
    for (const Step &step : kSteps) {
        if (step.version <= current || step.version > target)
            continue;
        QSqlDatabase conn = db;
        conn.transaction();
        QSqlQuery q(conn);
        const QStringList statements = QString::fromUtf8(step.sql).split(QStringLiteral(";\n"), Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!q.exec(statement)) {
                if (error)
                    *error = QStringLiteral("migration %1 failed: %2").arg(step.version).arg(q.lastError().text());
                conn.rollback();
                return false;
            }
        }
        q.prepare(QStringLiteral("UPDATE schema_version SET version = ?"));
        q.addBindValue(step.version);
        const bool recorded = q.exec();
        q.finish();
        if (!recorded || !conn.commit()) {
            if (error)
                *error = QStringLiteral("migration %1 could not be recorded: %2 %3")
                             .arg(step.version)
                             .arg(q.lastError().text(), conn.lastError().text());
            conn.rollback();
            return false;
        }
    }
    return true;
}
