using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>Adds audit lines to the same unit of work as the change they describe.</summary>
public static class AuditLog
{
    public static void Add(AppDbContext db, Caller caller, DateTime now, string action, string entityType, object entityId, string details)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = caller.UserId,
            UserName = caller.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            Details = details.Length > 4000 ? details[..4000] : details,
        });
    }
}
