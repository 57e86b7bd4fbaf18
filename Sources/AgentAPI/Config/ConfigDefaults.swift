/// A copy of `Config/default.json`, compiled in so the binary runs without the file.
/// `ConfigurationTests` fails when the two differ.
enum ConfigDefaults {
    static let json = #"""
{
  "host": "0.0.0.0",
  "http_port": 8080,
  "https_port": null,
  "tls_cert": null,
  "tls_key": null,
  "tls13_ciphersuites": "TLS_AES_256_GCM_SHA384",
  "tls12_cipher_list": "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384",
  "data_dir": "./data",
  "field_key_path": null,
  "event_loops": 0,
  "max_connections": 16000,
  "header_timeout_seconds": 10,
  "idle_timeout_seconds": 60,
  "tls_handshake_timeout_seconds": 10,
  "handler_timeout_seconds": 30,
  "drain_timeout_seconds": 30,
  "max_request_line_bytes": 8192,
  "max_header_bytes": 65536,
  "max_header_fields": 100,
  "max_json_body_bytes": 1048576,
  "max_upload_body_bytes": 10485760,
  "log_level": "info",
  "access_log": true,
  "log_format": null,
  "simulate": true,
  "token_lifetime_seconds": 3600,
  "session_max_lifetime_seconds": 43200,
  "password_hash_log_n": 17,
  "password_max_age_days": 90,
  "lockout_failures": 5,
  "lockout_window_seconds": 900,
  "login_failures_per_address_per_minute": 20,
  "totp_required_for_admins": false,
  "curriculum_version": "2026.1",
  "government_retry_base_seconds": 5,
  "government_retry_max_seconds": 300,
  "government_poll_seconds": 60,
  "notice_dhs_telephone": null
}
"""#
}
