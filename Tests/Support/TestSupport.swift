import CSystem

/// Ignores SIGPIPE once for the test process: a peer closing mid-write must not kill the runner.
public enum TestProcess {
    public static let ignoreSigpipe: Void = { csys_ignore_sigpipe() }()
}
