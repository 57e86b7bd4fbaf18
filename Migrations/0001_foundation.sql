-- Foundation: agent-wide settings as key/value pairs. Later migrations add the domain.
CREATE TABLE agent_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
