namespace Foerderworkflow.Engine.Persistence;

/// <summary>
/// SQLite's <c>PRAGMA synchronous</c> in WAL mode. <see cref="Full"/> syncs the WAL on every commit, so a committed
/// burst survives a power cut; <see cref="Normal"/> is several times faster but may lose the last commits (never
/// corrupts the file).
/// </summary>
public enum SqliteSynchronousMode
{
    Off,
    Normal,
    Full,
    Extra,
}
