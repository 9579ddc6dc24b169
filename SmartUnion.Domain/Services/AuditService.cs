using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>Filters of the audit log: 操作, a search over user and details, an object, a China date range.</summary>
public sealed record AuditFilter(
    string? Action = null,
    string? Search = null,
    string? EntityType = null,
    string? EntityId = null,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>
/// One line of the 审计日志 page. <see cref="EntityType"/> and <see cref="EntityId"/> are the stored keys (for filters);
/// <see cref="Target"/> (对象) names the object in Chinese as it is now — 公文《标题》, 采用形式 《苏州工会信息》·正文,
/// 用户 姓名（用户名）, 单位 姑苏区总 … — or, when it is gone, its kind and number with （已删除）.
/// </summary>
public sealed record AuditRow(long Id, DateTime At, string UserName, string DisplayName, string Action, string EntityType, string EntityId, string Target, string Details);

/// <summary>A page of audit lines and the total count for the pager.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int TotalCount);

/// <summary>Reads the audit log (who adopted, un-adopted, rejected …); admins only.</summary>
public class AuditService(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    /// <summary>The newest audit lines first, filtered and paged (page is 0-based).</summary>
    public async Task<AuditPage> ListAsync(Caller caller, AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Admin);
        filter ??= new AuditFilter();
        page = Math.Max(0, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        // DateOnly.MaxValue.AddDays(1) would throw: dates out of the app's range are refused like everywhere else.
        if (filter.From is { } f0 && !DateRules.IsInRange(f0) || filter.To is { } t0 && !DateRules.IsInRange(t0))
            throw new DomainException(DateRules.OutOfRangeMessage());
        DateRules.EnsureOrdered(filter.From, filter.To);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
            query = query.Where(a => a.Action == filter.Action);
        if (AuditEntityTypes.IsItem(filter.EntityType ?? ""))
            query = query.Where(a => a.EntityType == AuditEntityTypes.Item || a.EntityType == AuditEntityTypes.LegacyItem);
        else if (!string.IsNullOrWhiteSpace(filter.EntityType))
            query = query.Where(a => a.EntityType == filter.EntityType);
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
            query = query.Where(a => a.EntityId == filter.EntityId);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(a => a.UserName.Contains(s) || a.Details.Contains(s));
        }
        if (filter.From is { } from)
        {
            var fromUtc = ChinaTime.StartOfDayUtc(from);
            query = query.Where(a => a.At >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = ChinaTime.StartOfDayUtc(to.AddDays(1));
            query = query.Where(a => a.At < toUtc);
        }

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(a => new { a.Id, a.At, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityId, a.Details })
            .ToListAsync(ct);
        var entries = rows.Select(r => (r.EntityType, r.EntityId, r.Details)).ToList();
        var userIds = rows.Select(r => r.UserId)
            .Concat(entries.Where(e => e.EntityType == AuditEntityTypes.User).Select(e => e.EntityId))
            .Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName })
            .ToDictionaryAsync(u => u.Id, ct);
        var names = await AuditNames.LoadAsync(db, entries, ct);
        return new AuditPage(
            rows.Select(r => new AuditRow(r.Id, r.At, r.UserName, users.GetValueOrDefault(r.UserId)?.DisplayName ?? r.UserName,
                r.Action, r.EntityType, r.EntityId,
                names.Target(r.EntityType, r.EntityId, r.Details, id => users.GetValueOrDefault(id) is { } u ? $"{u.DisplayName}（{u.UserName}）" : null),
                names.Details(r.EntityType, r.Details))).ToList(),
            total);
    }

    /// <summary>The actions that occur in the log, for the 操作 filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }
}
