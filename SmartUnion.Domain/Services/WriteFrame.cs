using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>
/// The one frame of every service write: open a context, begin the write transaction (SQLite: BEGIN IMMEDIATE;
/// PostgreSQL: <see cref="PostgreSqlWriteLockInterceptor"/> takes the writers' advisory lock), run the change — it loads,
/// checks, changes and audits through the <see cref="WriteScope"/> — save, commit, and only then run what the change
/// queued for after the commit (change events, file deletions, log lines), in the order it queued them. A change that
/// throws leaves nothing behind: no row, no audit line, no event. A lost optimistic-concurrency check becomes
/// <see cref="ConcurrencyException"/>. CreatedAt/UpdatedAt are filled by <see cref="TimestampInterceptor"/> on save.
/// </summary>
public sealed class WriteFrame(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopeFactory,
    IChangeNotifier notifier, TimeProvider clock)
{
    /// <summary>Runs one write and returns the change's result once committed and announced.</summary>
    public async Task<T> RunAsync<T>(Caller caller, Func<WriteScope, Task<T>> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RunInAsync(db, null, caller, change, ct);
    }

    /// <summary>Runs one write that returns nothing.</summary>
    public Task RunAsync(Caller caller, Func<WriteScope, Task> change, CancellationToken ct = default) =>
        RunAsync(caller, async w => { await change(w); return true; }, ct);

    /// <summary>
    /// Runs one write through ASP.NET Core Identity: <see cref="WriteScope.Users"/> works on the frame's own context,
    /// so the account change and its audit line are committed together (or not at all).
    /// </summary>
    public async Task<T> RunWithUsersAsync<T>(Caller caller, Func<WriteScope, Task<T>> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await RunInAsync(db, users, caller, change, ct);
    }

    /// <summary>Runs one Identity write that returns nothing.</summary>
    public Task RunWithUsersAsync(Caller caller, Func<WriteScope, Task> change, CancellationToken ct = default) =>
        RunWithUsersAsync(caller, async w => { await change(w); return true; }, ct);

    private async Task<T> RunInAsync<T>(AppDbContext db, UserManager<AppUser>? users, Caller caller,
        Func<WriteScope, Task<T>> change, CancellationToken ct)
    {
        var scope = new WriteScope(db, users, caller, clock.GetUtcNow().UtcDateTime, notifier);
        T result;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            result = await change(scope);
            if (scope.Discarded) return result;
            await scope.SaveAsync(ct);
            await tx.CommitAsync(ct);
        }
        foreach (var after in scope.AfterCommitActions) after();
        return result;
    }
}

/// <summary>What a change inside <see cref="WriteFrame"/> works with: the context, the caller, the write's time, the audit and the after-commit queue.</summary>
public sealed class WriteScope
{
    private readonly UserManager<AppUser>? users;
    private readonly IChangeNotifier notifier;
    private readonly List<Action> afterCommit = [];

    internal WriteScope(AppDbContext db, UserManager<AppUser>? users, Caller caller, DateTime now, IChangeNotifier notifier)
    {
        Db = db;
        this.users = users;
        Caller = caller;
        Now = now;
        this.notifier = notifier;
    }

    public AppDbContext Db { get; }
    public Caller Caller { get; }
    /// <summary>The time of this write (UTC), one value for every row and audit line it writes.</summary>
    public DateTime Now { get; }

    /// <summary>Identity's user manager on this write's context (only in <see cref="WriteFrame.RunWithUsersAsync{T}"/>).</summary>
    public UserManager<AppUser> Users => users ?? throw new InvalidOperationException("Users is only available in WriteFrame.RunWithUsersAsync");

    internal bool Discarded { get; private set; }
    internal IReadOnlyList<Action> AfterCommitActions => afterCommit;

    /// <summary>Adds an audit line by the caller, at <see cref="Now"/>, to this write.</summary>
    public void Audit(string action, string entityType, object entityId, string details) =>
        AuditLog.Add(Db, Caller, Now, action, entityType, entityId, details);

    /// <summary>Queues a change event, published after the commit (never for a write that fails).</summary>
    public void Publish(ChangeEvent change) => afterCommit.Add(() => notifier.Publish(change));

    /// <summary>Queues work for after the commit (deleting files, log lines), in order with the events.</summary>
    public void AfterCommit(Action action) => afterCommit.Add(action);

    /// <summary>There is nothing to do after all: nothing is saved, committed or announced.</summary>
    public void Discard() => Discarded = true;

    /// <summary>Saves within the transaction (e.g. for a new row's id before its audit line).</summary>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        try { await Db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new ConcurrencyException(); }
    }

    /// <summary>Marks an entity as changed without a property change of its own (an attachment added): its UpdatedAt moves on save.</summary>
    public void Touch<TEntity>(TEntity entity) where TEntity : class, ITimestamped =>
        Db.Entry(entity).Property(nameof(ITimestamped.UpdatedAt)).IsModified = true;
}
