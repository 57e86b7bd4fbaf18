/// A change of another store that must commit in the same transaction as a case's own
/// change: the simulated government side's record of a submission, kept in the agent's
/// database, so that after a crash the case and the government side never disagree and
/// a submission waits for one commit instead of two.
///
/// Opaque here: only the storage that made it knows how to write it. A repository given
/// one of its own kind but for another database writes it there first (two commits, as
/// without it); one of a kind it does not know is refused with an error, never dropped.
public protocol AttachedWrite: Sendable {}
