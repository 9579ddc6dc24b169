using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>
/// The names behind a page of audit lines — items' titles, attachments' files, publications, forms, units,
/// deductions' units — read in one query per kind of object (never one per line), and the Chinese 对象 text built
/// from them. Older lines stored unit numbers in their 详情 (单位 10, 修改前 3/2/…): those read with the unit's name.
/// </summary>
internal sealed partial class AuditNames
{
    private Dictionary<int, string> items = [];
    private Dictionary<int, (string File, int ItemId)> attachments = [];
    private Dictionary<int, string> publications = [];
    private Dictionary<int, string> forms = [];
    private Dictionary<int, string> units = [];
    private Dictionary<int, int> deductionUnits = [];

    /// <summary>Loads the names the given lines refer to.</summary>
    public static async Task<AuditNames> LoadAsync(AppDbContext db, IReadOnlyList<(string Type, string Id, string Details)> entries, CancellationToken ct)
    {
        List<int> Ids(params string[] types) => entries.Where(e => types.Contains(e.Type))
            .Select(e => int.TryParse(e.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();

        var names = new AuditNames();
        var attachmentIds = Ids(AuditEntityTypes.Attachment);
        names.attachments = await db.Attachments.AsNoTracking().Where(a => attachmentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.FileName, a.InfoItemId })
            .ToDictionaryAsync(a => a.Id, a => (a.FileName, a.InfoItemId), ct);

        // Items named directly, through a live attachment, or in a (deleted) attachment's 详情 "81: 文件名".
        var itemIds = Ids(AuditEntityTypes.Item, AuditEntityTypes.LegacyItem)
            .Concat(names.attachments.Values.Select(a => a.ItemId))
            .Concat(entries.Where(e => e.Type == AuditEntityTypes.Attachment).Select(e => AttachmentItemId(e.Details)).OfType<int>())
            .Distinct().ToList();
        if (itemIds.Count > 0)
            names.items = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id))
                .ToDictionaryAsync(i => i.Id, i => i.Title, ct);

        var publicationIds = Ids(AuditEntityTypes.Publication);
        if (publicationIds.Count > 0)
            names.publications = await db.Publications.AsNoTracking().Where(p => publicationIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        var formIds = Ids(AuditEntityTypes.AdoptionForm);
        if (formIds.Count > 0)
            names.forms = await db.AdoptionForms.AsNoTracking().Where(f => formIds.Contains(f.Id))
                .Select(f => new { f.Id, Text = f.Publication!.Name + "·" + f.Name })
                .ToDictionaryAsync(f => f.Id, f => f.Text, ct);

        var deductionIds = Ids(AuditEntityTypes.Deduction);
        if (deductionIds.Count > 0)
            names.deductionUnits = await db.Deductions.AsNoTracking().Where(d => deductionIds.Contains(d.Id))
                .ToDictionaryAsync(d => d.Id, d => d.UnitId, ct);

        var unitIds = Ids(AuditEntityTypes.Unit)
            .Concat(names.deductionUnits.Values)
            .Concat(entries.Where(e => e.Type == AuditEntityTypes.Deduction).SelectMany(e => LegacyUnitIds(e.Details)))
            .Distinct().ToList();
        if (unitIds.Count > 0)
            names.units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.ShortName, ct);
        return names;
    }

    /// <summary>对象 in Chinese: the object's kind and its current name (or number and （已删除）).</summary>
    public string Target(string type, string entityId, string details, Func<string, string?> userName)
    {
        var id = int.TryParse(entityId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        string Gone(string kind) => $"{kind} #{entityId}（已删除）";
        switch (type)
        {
            case AuditEntityTypes.Item or AuditEntityTypes.LegacyItem:
                return items.TryGetValue(id, out var title) ? $"公文《{title}》" : Gone("公文");
            case AuditEntityTypes.Attachment:
                var live = attachments.TryGetValue(id, out var a);
                var file = live ? $"附件 {a.File}" : Gone("附件");
                return (live ? a.ItemId : AttachmentItemId(details)) is { } i && items.TryGetValue(i, out var t) ? $"{file}，公文《{t}》" : file;
            case AuditEntityTypes.Publication:
                return publications.TryGetValue(id, out var p) ? $"期刊 {p}" : Gone("期刊");
            case AuditEntityTypes.AdoptionForm:
                return forms.TryGetValue(id, out var f) ? $"采用形式 {f}" : Gone("采用形式");
            case AuditEntityTypes.Unit:
                return units.TryGetValue(id, out var u) ? $"单位 {u}" : Gone("单位");
            case AuditEntityTypes.User:
                return userName(entityId) is { } name ? $"用户 {name}" : Gone("用户");
            case AuditEntityTypes.Deduction:
                return deductionUnits.TryGetValue(id, out var du) && units.TryGetValue(du, out var dn) ? $"扣分 #{entityId}（{dn}）" : Gone("扣分");
            case AuditEntityTypes.UnitGroup:
                return $"单位分组 #{entityId}";
            case AuditEntityTypes.QuotaRuleSet:
                return $"考核规则 #{entityId}";
            case AuditEntityTypes.Commission:
                return $"约稿 #{entityId}";
            case AuditEntityTypes.InstructionRule:
                return "领导批示加分规则";
            case AuditEntityTypes.PublishedMonth:
                return $"积分排名 {entityId}"; // the id is the month, 2026-10
            case AuditEntityTypes.Points:
                return $"录用积分 {entityId}"; // 重新计算积分: the id is the period
            default:
                return $"{type} #{entityId}";
        }
    }

    /// <summary>详情 as stored, with the unit numbers of older deduction lines replaced by the units' names.</summary>
    public string Details(string type, string details)
    {
        if (type == AuditEntityTypes.Deduction)
        {
            details = LegacyDeleted().Replace(details, m => $"{UnitName(m.Groups[1].Value)} 扣", 1);
            var update = LegacyUpdate().Match(details);
            if (update.Success)
                return $"修改前 {Describe(update, 1)}；修改后 {Describe(update, 5)}";
        }
        else if (type == AuditEntityTypes.Attachment && AttachmentPrefix().Match(details) is { Success: true } prefix)
        {
            return details[prefix.Length..];
        }
        return details;
    }

    private string Describe(Match m, int first) =>
        $"{UnitName(m.Groups[first].Value)} 扣{m.Groups[first + 1].Value}分，日期 {m.Groups[first + 2].Value}，原因：{m.Groups[first + 3].Value}";

    private string UnitName(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && units.TryGetValue(n, out var name) ? name : $"单位 {id}";

    private static int? AttachmentItemId(string details) =>
        AttachmentPrefix().Match(details) is { Success: true } m && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static IEnumerable<int> LegacyUnitIds(string details)
    {
        var ids = new List<string>();
        if (LegacyDeleted().Match(details) is { Success: true } d) ids.Add(d.Groups[1].Value);
        if (LegacyUpdate().Match(details) is { Success: true } u) ids.AddRange([u.Groups[1].Value, u.Groups[5].Value]);
        return ids.Select(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0);
    }

    // "单位 10 扣2分，日期 …" (删除扣分 before the names were written).
    [GeneratedRegex(@"^单位 (\d+) 扣")]
    private static partial Regex LegacyDeleted();

    // "修改前 3/2/2026-11-20/原因；修改后 4/5/2026-11-21/新的原因" (修改扣分 before the names were written).
    [GeneratedRegex(@"^修改前 (\d+)/(\d+)/(\d{4}-\d{2}-\d{2})/(.*)；修改后 (\d+)/(\d+)/(\d{4}-\d{2}-\d{2})/(.*)$", RegexOptions.Singleline)]
    private static partial Regex LegacyUpdate();

    // "81: 劳模方案.txt (1234 字节, …)": the item's number in front of an attachment line.
    [GeneratedRegex(@"^(\d+): ")]
    private static partial Regex AttachmentPrefix();
}
