using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>One 领导批示 as the detail page lists it.</summary>
public sealed record InstructionView(int Id, InstructionLevel Level, string LeaderTitle, string LeaderName, DateOnly Date, string Text, Points Points)
{
    public string LevelName => Instruction.LevelName(Level) + "级";
}

/// <summary>What a reviewer enters for a 领导批示.</summary>
public sealed record InstructionInput(InstructionLevel Level, string? LeaderTitle, string? LeaderName, DateOnly? Date, string? Text);

/// <summary>批示加分规则 of one level.</summary>
public sealed record InstructionRuleRow(InstructionLevel Level, int Points)
{
    public string LevelName => Instruction.LevelName(Level) + "级领导批示";
}

/// <summary>A 批示 level's dated versions, oldest first.</summary>
public sealed record InstructionRuleVersions(InstructionLevel Level, IReadOnlyList<PointsVersionRow> Versions)
{
    public string LevelName => Instruction.LevelName(Level) + "级领导批示";
}

/// <summary>
/// 领导批示: reviewers of the item's subtree record and delete them on a reported or adopted item; the level's bonus
/// (批示加分规则, edited by admins) is snapshot on the instruction and split by the item's 合报 shares (database triggers,
/// <see cref="ScoreShare"/>), so the ranking, the report and the workbench count it as 批示加分.
/// </summary>
public class InstructionService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, WriteFrame write)
{
    /// <summary>The item's instructions, newest first; anyone who sees the item (its reporters and co-reporters too).</summary>
    public async Task<IReadOnlyList<InstructionView>> ListAsync(Caller caller, int itemId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Items.Where(i => i.Id == itemId).Where(ItemScope.Visible(caller)).AnyAsync(ct))
            throw new NotFoundException("未找到该公文或无权查看");
        var rows = await db.Instructions.AsNoTracking()
            .Where(i => i.InfoItemId == itemId)
            .OrderByDescending(i => i.Date).ThenByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Level, i.LeaderTitle, i.LeaderName, i.Date, i.Text, i.PointsHundredths })
            .ToListAsync(ct);
        return rows.Select(i => new InstructionView(i.Id, i.Level, i.LeaderTitle, i.LeaderName, i.Date, i.Text, new Points(i.PointsHundredths))).ToList();
    }

    /// <summary>录入领导批示 on a reported or adopted item; reviewers of the item's subtree only. Returns its id.</summary>
    public async Task<int> AddAsync(Caller caller, int itemId, InstructionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Roles.Reviewer);
        var (title, name, date, text) = Validate(input, ChinaTime.Today(clock));
        return await write.RunAsync(caller, async w =>
        {
            var item = await LoadForReviewAsync(w.Db, caller, itemId, ct);
            if (item.State is not (ItemState.Reported or ItemState.Adopted))
                throw new DomainException("只能对已上报或已录用的公文录入领导批示");
            // The bonus: the level's version in force on the 批示日期.
            var versions = await RuleVersions.LevelVersionsAsync(w.Db, ct);
            var bonus = RuleVersions.InForce(versions[input.Level], date) ?? 0;
            var instruction = new Instruction
            {
                InfoItemId = item.Id, UnitId = item.UnitId, Level = input.Level, LeaderTitle = title, LeaderName = name,
                Date = date, Text = text, CreatedById = caller.UserId, CreatedAt = w.Now, Points = Points.Whole(bonus),
            };
            w.Db.Instructions.Add(instruction);
            var level = Instruction.LevelName(input.Level);
            w.Audit(AuditActions.InstructionAdd, AuditEntityTypes.Item, item.Id,
                $"公文《{item.Title}》；{level}级领导批示：{title}{name}（{date:yyyy-MM-dd}）；批示加分：{instruction.Points}");
            await NotificationService.NotifyUnitReportersAsync(w, item, NotificationKind.Instruction,
                $"《{item.Title}》获{title}{name}（{level}级）批示，加{instruction.Points}分", ct);
            w.Publish(new ChangeEvent(ChangeKind.PointsChanged, item.Id, item.UnitId));
            await w.SaveAsync(ct);
            return instruction.Id;
        }, ct);
    }

    /// <summary>删除领导批示 (a reviewer's correction, confirmed on the page); reviewers of the item's subtree only.</summary>
    public async Task DeleteAsync(Caller caller, int itemId, int instructionId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer);
        await write.RunAsync(caller, async w =>
        {
            var item = await LoadForReviewAsync(w.Db, caller, itemId, ct);
            var instruction = await w.Db.Instructions.FirstOrDefaultAsync(i => i.Id == instructionId && i.InfoItemId == itemId, ct)
                ?? throw new DomainException("该领导批示已被删除，请刷新");
            w.Db.Instructions.Remove(instruction);
            w.Audit(AuditActions.InstructionDelete, AuditEntityTypes.Item, item.Id,
                $"公文《{item.Title}》；{Instruction.LevelName(instruction.Level)}级领导批示：{instruction.LeaderTitle}{instruction.LeaderName}（{instruction.Date:yyyy-MM-dd}）；批示加分：{instruction.Points}");
            w.Publish(new ChangeEvent(ChangeKind.PointsChanged, item.Id, item.UnitId));
        }, ct);
    }

    /// <summary>批示加分规则 in force today, by level; everyone signed in may read them (the reviewer's form shows the bonus).</summary>
    public async Task<IReadOnlyList<InstructionRuleRow>> GetRulesAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var today = ChinaTime.Today(clock);
        return (await GetRuleVersionsAsync(caller, ct))
            .Select(r => new InstructionRuleRow(r.Level, RuleVersions.InForce(r.Versions, today) ?? 0)).ToList();
    }

    /// <summary>Every level with its dated versions (生效日期 → 分值), oldest first; everyone signed in may read them.</summary>
    public async Task<IReadOnlyList<InstructionRuleVersions>> GetRuleVersionsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await RuleVersions.LevelVersionsAsync(db, ct);
        return Enum.GetValues<InstructionLevel>()
            .Select(l => new InstructionRuleVersions(l, versions[l].OrderBy(v => v.From).ToList())).ToList();
    }

    /// <summary>
    /// Sets the bonus of the levels whose value differs from today's (系统设置, admins) as a new version from
    /// <paramref name="effectiveFrom"/> (China; default today) on. Recorded instructions keep their snapshot until 重新计算.
    /// A 生效日期 outside <see cref="RuleVersions.EffectiveFromWindow"/> or one a changed level already has is refused, and nothing is saved.
    /// </summary>
    public async Task SetRulesAsync(Caller caller, IReadOnlyList<InstructionRuleRow> rules, DateOnly? effectiveFrom = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(rules);
        caller.RequireRole(Roles.Admin);
        foreach (var r in rules)
        {
            if (!Enum.IsDefined(r.Level)) throw new DomainException("批示级别不正确");
            if (r.Points is < 0 or > InstructionLevelRuleVersion.MaxPoints)
                throw new DomainException($"{r.LevelName}的加分须在0至{InstructionLevelRuleVersion.MaxPoints}之间");
        }
        if (rules.GroupBy(r => r.Level).Any(g => g.Count() > 1)) throw new DomainException("批示级别重复");
        var today = ChinaTime.Today(clock);
        var from = effectiveFrom ?? today;
        await write.RunAsync(caller, async w =>
        {
            var versions = await RuleVersions.LevelVersionsAsync(w.Db, ct);
            var changes = new List<string>();
            foreach (var r in rules)
            {
                var current = RuleVersions.InForce(versions[r.Level], today) ?? 0;
                if (current == r.Points) continue;
                var error = RuleVersions.EffectiveFromError(from, today, versions[r.Level].Select(v => v.From));
                if (error is not null) throw new DomainException($"{r.LevelName}：{error}");
                w.Db.InstructionLevelRuleVersions.Add(new InstructionLevelRuleVersion { Level = r.Level, EffectiveFrom = from, Points = r.Points });
                changes.Add($"{r.LevelName}：{current} → {r.Points}");
            }
            if (changes.Count == 0) { w.Discard(); return; }
            w.Audit(AuditActions.Settings, AuditEntityTypes.InstructionRule, "批示加分",
                $"批示加分规则自{from:yyyy-MM-dd}起：{string.Join("；", changes)}");
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
        }, ct);
    }

    private static (string Title, string Name, DateOnly Date, string Text) Validate(InstructionInput input, DateOnly today)
    {
        if (!Enum.IsDefined(input.Level)) throw new DomainException("请选择批示级别");
        var title = (input.LeaderTitle ?? "").Trim();
        var name = (input.LeaderName ?? "").Trim();
        var text = (input.Text ?? "").Trim();
        if (title.Length == 0) throw new DomainException("请填写领导职务");
        if (name.Length == 0) throw new DomainException("请填写领导姓名");
        if (title.Length > Instruction.LeaderMaxLength || name.Length > Instruction.LeaderMaxLength)
            throw new DomainException($"领导职务和姓名均不能超过{Instruction.LeaderMaxLength}个字");
        if (text.Length == 0) throw new DomainException("请填写批示内容");
        if (text.Length > Instruction.TextMaxLength) throw new DomainException($"批示内容不能超过{Instruction.TextMaxLength}个字");
        TextRules.EnsureSafe(title, "领导职务");
        TextRules.EnsureSafe(name, "领导姓名");
        TextRules.EnsureSafe(text, "批示内容", multiline: true);
        if (input.Date is not { } date) throw new DomainException("请选择批示日期");
        if (!DateRules.IsInRange(date)) throw new DomainException(DateRules.OutOfRangeMessage("批示日期"));
        if (date > today) throw new DomainException("批示日期不能晚于今天");
        return (title, name, date, text);
    }

    /// <summary>The item inside the write, with the review scope applied (NotFound outside it, like the adoption screen).</summary>
    internal static async Task<InfoItem> LoadForReviewAsync(AppDbContext db, Caller caller, int itemId, CancellationToken ct)
    {
        var item = await db.Items.Include(i => i.Unit).Include(i => i.Shares).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || !ItemScope.CanReview(caller, item, item.Unit!.Path))
            throw new NotFoundException("未找到该公文或无权查看");
        return item;
    }
}
