using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data;

/// <summary>
/// Fills CreatedAt (<see cref="ICreatedAt"/>) on insert and UpdatedAt (<see cref="ITimestamped"/>) on insert and update
/// from the registered <see cref="TimeProvider"/>, so that no service sets them by hand. A value set explicitly is kept
/// (demo data and tests date rows in the past): CreatedAt when not the default, UpdatedAt when changed by hand.
/// </summary>
public sealed class TimestampInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries<ICreatedAt>())
        {
            if (entry.State == EntityState.Added)
            {
                var created = entry.Property(nameof(ICreatedAt.CreatedAt));
                if ((DateTime)created.CurrentValue! == default) created.CurrentValue = now;
                if (entry.Entity is ITimestamped)
                {
                    var updated = entry.Property(nameof(ITimestamped.UpdatedAt));
                    if ((DateTime)updated.CurrentValue! == default) updated.CurrentValue = created.CurrentValue;
                }
            }
            else if (entry.State == EntityState.Modified && entry.Entity is ITimestamped)
            {
                var updated = entry.Property(nameof(ITimestamped.UpdatedAt));
                if (Equals(updated.CurrentValue, updated.OriginalValue)) updated.CurrentValue = now;
            }
        }
    }
}
